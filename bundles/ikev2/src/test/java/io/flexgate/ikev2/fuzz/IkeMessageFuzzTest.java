package io.flexgate.ikev2.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IkeSaKeyLengths;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.crypto.UnsupportedTransformException;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.PayloadType;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of {@link IkeMessageCodec#decode}: in a plain {@code mvn test} only the kept corpus
 * (src/test/resources/io/flexgate/ikev2/fuzz/IkeMessageFuzzTestInputs/) runs; with {@code JAZZER_FUZZ=1} Jazzer
 * mutates it (docs/security.md has the command). The contract under test is the codec's own: every datagram
 * becomes a typed {@link DecodeResult}, no exception escapes, and no result is the codec's catch-all for a bug
 * in a payload decoder.
 */
class IkeMessageFuzzTest {

    /** The codec's prefix for a RuntimeException it caught from a payload decoder (IkeMessageCodec.DECODER_FAILURE). */
    private static final String DECODER_FAILURE = "decoder failure: ";

    /** The SK transforms the encrypted target picks from with its first octet: AEAD and CBC+HMAC code paths. */
    private static final List<IkeSaTransforms> TRANSFORMS = List.of(
            new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 256, PrfAlgorithm.PRF_HMAC_SHA2_256,
                    IntegAlgorithm.NONE, DhGroup.ECP_256),
            new IkeSaTransforms(EncrAlgorithm.ENCR_AES_CBC, 256, PrfAlgorithm.PRF_HMAC_SHA2_256,
                    IntegAlgorithm.AUTH_HMAC_SHA2_256_128, DhGroup.MODP_2048),
            new IkeSaTransforms(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0, PrfAlgorithm.PRF_HMAC_SHA2_256,
                    IntegAlgorithm.NONE, DhGroup.CURVE25519));

    /** Initiator's and responder's SK ciphers per transform, keyed once from fixed SKEYSEED and nonces. */
    private static final SkCipherPair[][] PAIRS = pairs();

    private static SkCipherPair[][] pairs() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(13);
            SkCipherFactory factory = new SkCipherFactory(CryptoSuite.defaults(), random);
            SkCipherPair[][] pairs = new SkCipherPair[TRANSFORMS.size()][];
            for (int i = 0; i < pairs.length; i++) {
                IkeSaTransforms t = TRANSFORMS.get(i);
                IkeSaKeyLengths lengths = factory.keyLengths(t);
                IkeSaKeys keys = factory.keyDerivation(t).ikeSaKeys(Secret.copyOf(new byte[32]), new byte[16],
                        new byte[16], 1L, 2L, lengths);
                pairs[i] = new SkCipherPair[] {factory.create(t, keys, true), factory.create(t, keys, false)};
            }
            return pairs;
        } catch (NoSuchAlgorithmException | UnsupportedTransformException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any datagram as received on UDP 500 before keys exist (IKE_SA_INIT, unprotected notifications). */
    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void decodePlain(byte[] datagram) {
        DecodeResult result = IkeMessageCodec.decode(datagram);

        assertTyped(result);
        if (result instanceof DecodeResult.Ok ok) {
            assertReencodes(ok.message());
        }
    }

    /**
     * Inner payloads behind a verified ICV: octet 0 picks the transform, octet 1 is the SK payload's first
     * inner payload type, the rest is the plaintext the initiator seals. The responder must open it (the ICV is
     * genuine), so the result is Ok or a ProtectedError, never an integrity failure or an unprotected error.
     */
    @FuzzTest(maxDuration = "45m", maxExecutions = 10_000_000)
    void decodeEncrypted(byte[] input) {
        if (input.length < 2) {
            return;
        }
        SkCipherPair[] pair = PAIRS[(input[0] & 0xFF) % PAIRS.length];
        byte[] plain = Arrays.copyOfRange(input, 2, input.length);
        int sealed = pair[0].outbound().sealedLength(plain.length);
        int total = IkeHeader.LENGTH + 4 + sealed;
        if (total > IkeMessageCodec.MAX_DATAGRAM_LENGTH) {
            return;
        }
        ByteBuffer header = ByteBuffer.allocate(IkeHeader.LENGTH + 4);
        header.putLong(1L).putLong(2L).put((byte) PayloadType.SK.value()).put((byte) 0x20)
                .put((byte) ExchangeType.IKE_AUTH.value()).put((byte) 0x08).putInt(1).putInt(total)
                .put(input[1]).put((byte) 0).putShort((short) (4 + sealed));
        byte[] head = header.array();
        byte[] body = pair[0].outbound().seal(head, plain);
        byte[] datagram = ByteBuffer.allocate(total).put(head).put(body).array();

        DecodeResult result = IkeMessageCodec.decode(datagram, pair[1].inbound(), null);

        assertTyped(result);
        assertThat(result).isInstanceOfAny(DecodeResult.Ok.class, DecodeResult.ProtectedError.class);
        if (result instanceof DecodeResult.Ok ok) {
            assertThat(ok.message().encrypted()).isTrue();
        }
    }

    /**
     * Fuzzing finding (decodePlain, kept as corpus entry finding-cisco-fragment-mid-chain): a Cisco fragment
     * payload (132, anchors.md 2.7) followed by another payload reached the IkeMessage constructor, whose
     * IllegalArgumentException the codec could only report as a decoder failure. It is INVALID_SYNTAX.
     */
    @Test
    void ciscoFragmentBeforeAnotherPayloadIsInvalidSyntax() {
        ByteBuffer datagram = ByteBuffer.allocate(IkeHeader.LENGTH + 9 + 20);
        datagram.putLong(1L).putLong(0L).put((byte) PayloadType.CISCO_FRAGMENT.value()).put((byte) 0x20)
                .put((byte) ExchangeType.IKE_SA_INIT.value()).put((byte) 0x08).putInt(0).putInt(datagram.capacity())
                // Cisco fragment: next = Nonce, id 1, number 1, flags LAST, one octet of data
                .put((byte) PayloadType.NONCE.value()).put((byte) 0).putShort((short) 9).putShort((short) 1)
                .put((byte) 1).put((byte) 1).put((byte) 0x55)
                // Nonce: 16 octets
                .put((byte) 0).put((byte) 0).putShort((short) 20).put(new byte[16]);

        DecodeResult result = IkeMessageCodec.decode(datagram.array());

        assertThat(result).isInstanceOfSatisfying(DecodeResult.UnprotectedError.class, u -> {
            assertThat(u.error().notifyType()).isEqualTo(NotifyType.INVALID_SYNTAX);
            assertThat(u.error().getMessage()).doesNotStartWith(DECODER_FAILURE).contains("CiscoFragment");
        });
    }

    static void assertTyped(DecodeResult result) {
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.UnprotectedError u) {
            assertThat(u.error().getMessage()).doesNotStartWith(DECODER_FAILURE);
        }
        if (result instanceof DecodeResult.ProtectedError p) {
            assertThat(p.error().getMessage()).doesNotStartWith(DECODER_FAILURE);
        }
        assertThat(IkeMessageCodec.summary(result)).isNotBlank();
    }

    /** A message the codec accepted encodes again, and that encoding decodes to the same payloads. */
    private static void assertReencodes(IkeMessage message) {
        byte[] again = IkeMessageCodec.encode(message, null);
        DecodeResult second = IkeMessageCodec.decode(again);
        assertThat(second).isInstanceOf(DecodeResult.Ok.class);
        assertThat(((DecodeResult.Ok) second).message().payloads()).isEqualTo(message.payloads());
    }
}
