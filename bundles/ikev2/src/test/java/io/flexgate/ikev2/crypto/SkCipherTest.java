package io.flexgate.ikev2.crypto;

import static io.flexgate.ikev2.crypto.Vectors.capture;
import static io.flexgate.ikev2.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** SK payload protection: real and published messages, round trips and tampering for every transform. */
class SkCipherTest {

    private static final CryptoSuite SUITE = CryptoSuite.defaults();

    /** A deterministic random source so that a failure replays. */
    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<IkeSaTransforms> transforms() {
        Stream.Builder<IkeSaTransforms> all = Stream.builder();
        for (EncrAlgorithm gcm : new EncrAlgorithm[] {EncrAlgorithm.ENCR_AES_GCM_8, EncrAlgorithm.ENCR_AES_GCM_12,
                EncrAlgorithm.ENCR_AES_GCM_16}) {
            for (int bits : new int[] {128, 192, 256}) {
                all.add(new IkeSaTransforms(gcm, bits, PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.NONE,
                        DhGroup.ECP_256));
            }
        }
        all.add(new IkeSaTransforms(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0, PrfAlgorithm.PRF_HMAC_SHA2_256,
                IntegAlgorithm.NONE, DhGroup.CURVE25519));
        for (IntegAlgorithm integ : new IntegAlgorithm[] {IntegAlgorithm.AUTH_HMAC_SHA1_96,
                IntegAlgorithm.AUTH_HMAC_SHA2_256_128, IntegAlgorithm.AUTH_HMAC_SHA2_384_192,
                IntegAlgorithm.AUTH_HMAC_SHA2_512_256}) {
            for (int bits : new int[] {128, 192, 256}) {
                all.add(new IkeSaTransforms(EncrAlgorithm.ENCR_AES_CBC, bits, PrfAlgorithm.PRF_HMAC_SHA1, integ,
                        DhGroup.MODP_2048));
            }
        }
        return all.build();
    }

    /** Keys of the right lengths, and the initiator's and responder's pairs for them. */
    private static SkCipherPair[] pairs(IkeSaTransforms transforms) throws Exception {
        SkCipherFactory factory = new SkCipherFactory(SUITE, seeded(7));
        IkeSaKeyLengths lengths = factory.keyLengths(transforms);
        IkeKeyDerivation kdf = factory.keyDerivation(transforms);
        IkeSaKeys keys = kdf.ikeSaKeys(Secret.copyOf(new byte[32]), new byte[16], new byte[16], 1L, 2L, lengths);
        return new SkCipherPair[] {factory.create(transforms, keys, true), factory.create(transforms, keys, false)};
    }

    private static byte[] header(int bodyLength) {
        byte[] header = hex("0102030405060708 1112131415161718 2e202308 00000002 00000000 2900 0000");
        int total = header.length + bodyLength;
        header[24] = (byte) (total >>> 24);
        header[25] = (byte) (total >>> 16);
        header[26] = (byte) (total >>> 8);
        header[27] = (byte) total;
        header[30] = (byte) ((bodyLength + 4) >>> 8);
        header[31] = (byte) (bodyLength + 4);
        return header;
    }

    @ParameterizedTest
    @MethodSource("transforms")
    void whatOneSideSealsTheOtherOpensForEveryLength(IkeSaTransforms transforms) throws Exception {
        SkCipherPair[] pairs = pairs(transforms);
        Random random = new Random(11);
        for (int length : new int[] {0, 1, 15, 16, 17, 100, 1300}) {
            byte[] inner = new byte[length];
            random.nextBytes(inner);
            int bodyLength = pairs[0].outbound().sealedLength(length);
            byte[] header = header(bodyLength);
            byte[] body = pairs[0].outbound().seal(header, inner);
            assertThat(body).hasSize(bodyLength);
            assertThat(pairs[1].inbound().open(header, body)).isEqualTo(inner);
            // The responder's own outbound direction uses the other key.
            byte[] reply = pairs[1].outbound().seal(header, inner);
            assertThat(pairs[0].inbound().open(header, reply)).isEqualTo(inner);
            assertThatThrownBy(() -> pairs[1].inbound().open(header, reply)).isInstanceOf(SkIntegrityException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("transforms")
    void everyChangedOctetIsRejected(IkeSaTransforms transforms) throws Exception {
        SkCipherPair[] pairs = pairs(transforms);
        byte[] inner = "a protected IKE_AUTH body".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] header = header(pairs[0].outbound().sealedLength(inner.length));
        byte[] body = pairs[0].outbound().seal(header, inner);
        for (int i = 0; i < header.length; i++) {
            byte[] bad = header.clone();
            bad[i] ^= (byte) 0x80;
            assertThatThrownBy(() -> pairs[1].inbound().open(bad, body)).isInstanceOf(SkIntegrityException.class);
        }
        for (int i = 0; i < body.length; i++) {
            byte[] bad = body.clone();
            bad[i] ^= 1;
            assertThatThrownBy(() -> pairs[1].inbound().open(header, bad)).as("octet %d", i)
                    .isInstanceOf(SkIntegrityException.class);
        }
        for (int length : new int[] {0, 1, body.length - 1}) {
            byte[] cut = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> pairs[1].inbound().open(header, cut)).isInstanceOf(SkIntegrityException.class);
        }
        assertThat(pairs[1].inbound().open(header, body)).isEqualTo(inner);
    }

    @Test
    void aeadIvsNeverRepeatUnderOneKey() throws Exception {
        SkCipher out = pairs(transforms().findFirst().orElseThrow())[0].outbound();
        byte[] header = header(out.sealedLength(0));
        byte[] first = Arrays.copyOf(out.seal(header, new byte[0]), out.ivLength());
        byte[] second = Arrays.copyOf(out.seal(header, new byte[0]), out.ivLength());
        assertThat(first).isNotEqualTo(second);
    }

    /** A pad length larger than the decrypted data, under a valid ICV, is malformed (RFC 7296 section 3.14). */
    @Test
    void cbcPadLengthBeyondTheDataIsRejectedAfterAValidIcv() throws Exception {
        byte[] encryptionKey = new byte[16];
        byte[] integrityKey = new byte[32];
        Cipher cbc = SUITE.cipher(EncrAlgorithm.ENCR_AES_CBC, 128).orElseThrow();
        Integrity integ = SUITE.integrity(IntegAlgorithm.AUTH_HMAC_SHA2_256_128).orElseThrow();
        byte[] block = new byte[16];
        block[15] = 16;
        byte[] iv = new byte[16];
        byte[] ciphertext = cbc.withKey(encryptionKey).encrypt(iv, block, 0, 16);
        byte[] header = header(16 + 16 + 16);
        byte[] icv = integ.withKey(integrityKey).update(header).update(iv).update(ciphertext).doFinal();
        byte[] body = IkeKeyDerivation.concat(iv, ciphertext, icv);
        try (SkCipher in = new CbcSkCipher(cbc, encryptionKey, integ, integrityKey, seeded(1))) {
            assertThatThrownBy(() -> in.open(header, body)).isInstanceOf(SkIntegrityException.class)
                    .hasMessageContaining("Pad Length 16");
            block[15] = 15;
            byte[] good = IkeKeyDerivation.concat(iv, cbc.withKey(encryptionKey).encrypt(iv, block, 0, 16));
            byte[] goodIcv = integ.withKey(integrityKey).update(header).update(good).doFinal();
            assertThat(in.open(header, IkeKeyDerivation.concat(good, goodIcv))).isEmpty();
        }
    }

    /**
     * The real IKE_AUTH request 5 of the strongSwan capture (pcap frame 12): AES-GCM-16-128 under SK_ei, the
     * associated data being the IKE header and the SK payload header (RFC 5282 section 5.1).
     */
    @Test
    void aReleasedCipherStillOpensTheRealStrongSwanMessagesAgainAndAgain() throws Exception {
        byte[] message = capture("message_auth_request");
        try (SkCipher in = new AeadSkCipher(SUITE.aead(EncrAlgorithm.ENCR_AES_GCM_16, 128).orElseThrow(),
                capture("sk_ei"), 0)) {
            in.releaseBetweenOperations();
            for (int i = 0; i < 3; i++) {
                byte[] inner = in.open(Arrays.copyOf(message, 32), Arrays.copyOfRange(message, 32, message.length));
                assertThat(Arrays.copyOfRange(inner, 8, inner.length)).isEqualTo(capture("auth_i"));
            }
        }
    }

    @Test
    void opensTheRealStrongSwanMessages() throws Exception {
        byte[] message = capture("message_auth_request");
        try (SkCipher in = new AeadSkCipher(SUITE.aead(EncrAlgorithm.ENCR_AES_GCM_16, 128).orElseThrow(),
                capture("sk_ei"), 0)) {
            byte[] inner = in.open(Arrays.copyOf(message, 32), Arrays.copyOfRange(message, 32, message.length));
            // AUTH payload: next 0, length 40, method 2 (shared key MIC), the initiator's logged AUTH value.
            assertThat(Arrays.copyOf(inner, 8)).isEqualTo(hex("0000002802000000"));
            assertThat(Arrays.copyOfRange(inner, 8, inner.length)).isEqualTo(capture("auth_i"));
        }
        byte[] response = capture("message_auth_response");
        try (SkCipher in = new AeadSkCipher(SUITE.aead(EncrAlgorithm.ENCR_AES_GCM_16, 128).orElseThrow(),
                capture("sk_er"), 0)) {
            byte[] inner = in.open(Arrays.copyOf(response, 32), Arrays.copyOfRange(response, 32, response.length));
            assertThat(Arrays.copyOfRange(inner, 8, 40)).isEqualTo(capture("auth_r_eap"));
            byte[] tampered = response.clone();
            tampered[20] ^= 1;
            assertThatThrownBy(() -> in.open(Arrays.copyOf(tampered, 32),
                    Arrays.copyOfRange(tampered, 32, tampered.length))).isInstanceOf(SkIntegrityException.class);
        }
    }

    /** The factory maps roles as strongSwan did: the responder opens with SK_ei and seals with SK_er. */
    @Test
    void factoryBuildsTheResponderPairOfTheRealExchange() throws Exception {
        IkeSaTransforms captured = new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 128,
                PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.NONE, DhGroup.CURVE25519);
        Secret none = Secret.copyOf(new byte[0]);
        IkeSaKeys keys = new IkeSaKeys(Secret.copyOf(capture("sk_d")), none, none, Secret.copyOf(capture("sk_ei")),
                Secret.copyOf(capture("sk_er")), Secret.copyOf(capture("sk_pi")), Secret.copyOf(capture("sk_pr")));
        byte[] request = capture("message_auth_request");
        byte[] response = capture("message_auth_response");
        try (SkCipherPair responder = new SkCipherFactory(SUITE, seeded(3)).create(captured, keys, false);
                SkCipherPair initiator = new SkCipherFactory(SUITE, seeded(4)).create(captured, keys, true)) {
            byte[] inner = responder.inbound().open(Arrays.copyOf(request, 32),
                    Arrays.copyOfRange(request, 32, request.length));
            assertThat(Arrays.copyOfRange(inner, 8, inner.length)).isEqualTo(capture("auth_i"));
            byte[] reply = initiator.inbound().open(Arrays.copyOf(response, 32),
                    Arrays.copyOfRange(response, 32, response.length));
            byte[] header = Arrays.copyOf(response, 32);
            assertThat(initiator.inbound().open(header, responder.outbound().seal(header, reply))).isEqualTo(reply);
        }
    }

    /**
     * RFC 7634 Appendix B: an INFORMATIONAL request with an empty-bodied notify, protected with
     * ChaCha20-Poly1305 (key 80..9f, salt a0a1a2a3, IV 1011121314151617).
     */
    @Test
    void opensTheRfc7634AppendixBIkev2Message() throws Exception {
        byte[] header = hex("c0c1c2c3c4c5c6c7d0d1d2d3d4d5d6d72e20250000000009000000452900002" + "9");
        byte[] body = hex("1011121314151617" + "610394701f8d017f7c12924889" + "6b71bfe25236efd7cdc67066906315b2");
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3");
        try (SkCipher in = new AeadSkCipher(SUITE.aead(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0).orElseThrow(), key,
                0)) {
            assertThat(in.open(header, body)).isEqualTo(hex("0000000c000040010000000a"));
        }
        try (SkCipher out = new AeadSkCipher(SUITE.aead(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0).orElseThrow(), key,
                0x1011121314151617L)) {
            assertThat(out.seal(header, hex("0000000c000040010000000a"))).isEqualTo(body);
        }
    }

    @Test
    void closeWipesTheKeysItWasGiven() throws Exception {
        SkCipherPair[] pairs = pairs(transforms().findFirst().orElseThrow());
        pairs[0].close();
        byte[] header = header(pairs[0].outbound().sealedLength(4));
        byte[] sealed = pairs[0].outbound().seal(header, new byte[4]);
        // Sealed under an all-zero key now, so the peer holding the real key refuses it.
        assertThatThrownBy(() -> pairs[1].inbound().open(header, sealed)).isInstanceOf(SkIntegrityException.class);
    }
}
