package io.flexgate.bench;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.EsnMode;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.CertEncoding;
import io.flexgate.ikev2.message.CertPayload;
import io.flexgate.ikev2.message.ConfigAttributeType;
import io.flexgate.ikev2.message.ConfigPayload;
import io.flexgate.ikev2.message.ConfigType;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.FragmentReassembler;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode (with SK seal) and decode (with SK open and the payload rules) of a whole IKE_AUTH message as a
 * responder sends it after EAP: IDr, a 1,000-octet CERT, AUTH, CP(REPLY), SA, TSi, TSr, with AES-GCM-16-128.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IkeAuthCodecBenchmark {

    private SkCipherPair initiator;
    private SkCipherPair responder;
    private IkeMessage message;
    private byte[] encoded;
    private FragmentReassembler reassembler;

    @Setup
    public void setUp() throws Exception {
        IkeSaTransforms transforms = new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 128,
                PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.NONE, DhGroup.CURVE25519);
        SkCipherFactory factory = new SkCipherFactory(CryptoSuite.defaults(), new SecureRandom());
        IkeKeyDerivation kdf = factory.keyDerivation(transforms);
        Random random = new Random(1);
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        IkeSaKeys keys = kdf.ikeSaKeys(Secret.copyOf(nonce), nonce, nonce, 1L, 2L, factory.keyLengths(transforms));
        initiator = factory.create(transforms, keys, true);
        responder = factory.create(transforms, keys, false);
        byte[] cert = new byte[1000];
        random.nextBytes(cert);
        byte[] auth = new byte[32];
        random.nextBytes(auth);
        InetAddress any = InetAddress.getByName("0.0.0.0");
        InetAddress all = InetAddress.getByName("255.255.255.255");
        message = new IkeMessage(IkeHeader.of(1L, 2L, ExchangeType.IKE_AUTH, false, true, 5), true, List.of(
                new IdPayload(false, IdType.ID_FQDN, Bytes.of("vpn.example.com".getBytes())),
                new CertPayload(CertEncoding.X509_SIGNATURE, Bytes.of(cert)),
                new AuthPayload(AuthMethod.SHARED_KEY_MIC, Bytes.of(auth)),
                new ConfigPayload(ConfigType.CFG_REPLY, List.of(
                        new ConfigPayload.ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS,
                                Bytes.of(new byte[] {(byte) 192, (byte) 168, 10, 5})),
                        new ConfigPayload.ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_DNS,
                                Bytes.of(new byte[] {10, 0, 1, 1})))),
                new SaPayload(List.of(new SaPayload.Proposal(1, ProtocolId.ESP, Bytes.of(new byte[] {1, 2, 3, 4}),
                        List.of(SaPayload.Transform.of(EncrAlgorithm.ENCR_AES_GCM_16, 128),
                                SaPayload.Transform.of(EsnMode.NO_ESN))))),
                new TrafficSelectorPayload(true, List.of(TrafficSelectorPayload.TrafficSelector.range(
                        InetAddress.getByName("192.168.10.5"), InetAddress.getByName("192.168.10.5")))),
                new TrafficSelectorPayload(false, List.of(TrafficSelectorPayload.TrafficSelector.range(any, all)))));
        encoded = IkeMessageCodec.encode(message, responder.outbound());
        reassembler = new FragmentReassembler(Clock.systemUTC());
        if (!(IkeMessageCodec.decode(encoded, initiator.inbound(), reassembler) instanceof DecodeResult.Ok)) {
            throw new IllegalStateException("benchmark message does not decode");
        }
    }

    @Benchmark
    public byte[] encode() {
        return IkeMessageCodec.encode(message, responder.outbound());
    }

    @Benchmark
    public DecodeResult decode() {
        return IkeMessageCodec.decode(encoded, initiator.inbound(), reassembler);
    }
}
