package io.flexgate.bench;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.crypto.SkIntegrityException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seal and open of the SK payload of a 1,300-octet IKE_AUTH body (the size of an IKE_AUTH with a certificate
 * before fragmentation), for AES-GCM-16-128 and for AES-CBC-256 with HMAC-SHA2-256-128.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SkCipherBenchmark {

    /** Octets of inner payloads. */
    private static final int BODY = 1300;

    @Param({"AES_GCM_16_128", "AES_CBC_256_HMAC_SHA2_256_128"})
    public String transform;

    private SkCipherPair initiator;
    private SkCipherPair responder;
    private byte[] header;
    private byte[] inner;
    private byte[] sealed;

    @Setup
    public void setUp() throws Exception {
        IkeSaTransforms transforms = "AES_GCM_16_128".equals(transform)
                ? new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 128, PrfAlgorithm.PRF_HMAC_SHA2_256,
                        IntegAlgorithm.NONE, DhGroup.CURVE25519)
                : new IkeSaTransforms(EncrAlgorithm.ENCR_AES_CBC, 256, PrfAlgorithm.PRF_HMAC_SHA2_256,
                        IntegAlgorithm.AUTH_HMAC_SHA2_256_128, DhGroup.CURVE25519);
        SkCipherFactory factory = new SkCipherFactory(CryptoSuite.defaults(), new SecureRandom());
        IkeKeyDerivation kdf = factory.keyDerivation(transforms);
        Random random = new Random(1);
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        IkeSaKeys keys = kdf.ikeSaKeys(Secret.copyOf(nonce), nonce, nonce, 1L, 2L, factory.keyLengths(transforms));
        initiator = factory.create(transforms, keys, true);
        responder = factory.create(transforms, keys, false);
        inner = new byte[BODY];
        random.nextBytes(inner);
        // IKE header (28) and SK payload header (4) with the final lengths, as the codec hands them over.
        int bodyLength = initiator.outbound().sealedLength(BODY);
        header = new byte[32];
        int total = 32 + bodyLength;
        header[16] = 46; // next payload SK
        header[17] = 0x20; // version 2.0
        header[18] = 35; // IKE_AUTH
        header[19] = 0x08; // initiator
        header[24] = (byte) (total >>> 24);
        header[25] = (byte) (total >>> 16);
        header[26] = (byte) (total >>> 8);
        header[27] = (byte) total;
        header[30] = (byte) ((bodyLength + 4) >>> 8);
        header[31] = (byte) (bodyLength + 4);
        sealed = initiator.outbound().seal(header, inner);
    }

    @TearDown
    public void tearDown() {
        initiator.close();
        responder.close();
    }

    @Benchmark
    public byte[] seal() {
        return initiator.outbound().seal(header, inner);
    }

    @Benchmark
    public byte[] open() throws SkIntegrityException {
        return responder.inbound().open(header, sealed);
    }
}
