package io.flexgate.ikev2.crypto;

import static io.flexgate.ikev2.crypto.Vectors.capture;
import static io.flexgate.ikev2.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import java.nio.ByteBuffer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 key derivation. The known answers are the keys two strongSwan charons derived in the real exchange
 * of /work/shared/research/interop/results/trace/ (client-charon-mschapv2.log at log level 4: g^ir, SKEYSEED and
 * every SK_x; nonces and SPIs from the logged IKE_SA_INIT request), proposal AES_GCM_16_128 / PRF_HMAC_SHA2_256 /
 * CURVE_25519. The NIST CAVP SP 800-135 IKEv2 file was not available offline.
 */
class IkeKeyDerivationTest {

    private static final IkeSaTransforms CAPTURED = new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 128,
            PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.NONE, DhGroup.CURVE25519);

    private final SkCipherFactory factory = new SkCipherFactory(CryptoSuite.defaults(), new java.security.SecureRandom());

    private static long spi(String name) {
        return ByteBuffer.wrap(capture(name)).getLong();
    }

    @Test
    void skeyseedAndIkeSaKeysMatchStrongSwan() throws Exception {
        IkeKeyDerivation kdf = factory.keyDerivation(CAPTURED);
        IkeSaKeyLengths lengths = factory.keyLengths(CAPTURED);
        assertThat(lengths).isEqualTo(new IkeSaKeyLengths(32, 0, 20, 32));

        Secret skeyseed = kdf.skeyseed(capture("ni"), capture("nr"), Secret.copyOf(capture("g_ir")));
        assertThat(skeyseed.bytes()).isEqualTo(capture("skeyseed"));

        try (IkeSaKeys keys = kdf.ikeSaKeys(skeyseed, capture("ni"), capture("nr"), spi("spi_i"), spi("spi_r"),
                lengths)) {
            assertThat(keys.skD().bytes()).isEqualTo(capture("sk_d"));
            assertThat(keys.skAi().length()).isZero();
            assertThat(keys.skAr().length()).isZero();
            assertThat(keys.skEi().bytes()).isEqualTo(capture("sk_ei"));
            assertThat(keys.skEr().bytes()).isEqualTo(capture("sk_er"));
            assertThat(keys.skPi().bytes()).isEqualTo(capture("sk_pi"));
            assertThat(keys.skPr().bytes()).isEqualTo(capture("sk_pr"));
            keys.close();
            assertThat(keys.skEi().isWiped()).isTrue();
            assertThat(keys.skEi().bytes()).containsOnly(0);
        }
    }

    @Test
    void keyLengthsFollowTheTransforms() throws Exception {
        IkeSaTransforms cbc = new IkeSaTransforms(EncrAlgorithm.ENCR_AES_CBC, 256, PrfAlgorithm.PRF_HMAC_SHA2_384,
                IntegAlgorithm.AUTH_HMAC_SHA2_512_256, DhGroup.ECP_384);
        assertThat(factory.keyLengths(cbc)).isEqualTo(new IkeSaKeyLengths(48, 64, 32, 48));
        IkeSaTransforms chacha = new IkeSaTransforms(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0,
                PrfAlgorithm.PRF_HMAC_SHA1, IntegAlgorithm.NONE, DhGroup.CURVE25519);
        assertThat(factory.keyLengths(chacha)).isEqualTo(new IkeSaKeyLengths(20, 0, 36, 20));
        IkeSaTransforms gcm192 = new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_8, 192,
                PrfAlgorithm.PRF_HMAC_SHA2_512, IntegAlgorithm.NONE, DhGroup.MODP_2048);
        assertThat(factory.keyLengths(gcm192)).isEqualTo(new IkeSaKeyLengths(64, 0, 28, 64));
    }

    @Test
    void aeadWithIntegOrCbcWithoutIntegIsRefused() {
        assertThatThrownBy(() -> factory.keyLengths(new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 128,
                PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.AUTH_HMAC_SHA2_256_128, DhGroup.ECP_256)))
                .isInstanceOf(UnsupportedTransformException.class).hasMessageContaining("RFC 5282");
        assertThatThrownBy(() -> factory.keyLengths(new IkeSaTransforms(EncrAlgorithm.ENCR_AES_CBC, 128,
                PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.NONE, DhGroup.ECP_256)))
                .isInstanceOf(UnsupportedTransformException.class);
        assertThatThrownBy(() -> factory.keyLengths(new IkeSaTransforms(EncrAlgorithm.ENCR_AES_CBC, 100,
                PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.AUTH_HMAC_SHA1_96, DhGroup.ECP_256)))
                .isInstanceOf(UnsupportedTransformException.class).hasMessageContaining("100-bit");
    }

    /** prf+ written out independently with the JDK's Mac (RFC 7296 section 2.13), to compare against. */
    private static byte[] referencePrfPlus(byte[] key, byte[] seed, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        ByteBuffer out = ByteBuffer.allocate(length + 32);
        byte[] t = new byte[0];
        for (int n = 1; out.position() < length; n++) {
            mac.update(t);
            mac.update(seed);
            mac.update((byte) n);
            t = mac.doFinal();
            out.put(t);
        }
        return java.util.Arrays.copyOf(out.array(), length);
    }

    @Test
    void childSaKeymatWithoutPfsIsPrfPlusOfSkDOverTheNonces() throws Exception {
        IkeKeyDerivation kdf = factory.keyDerivation(CAPTURED);
        byte[] ni = capture("ni");
        byte[] nr = capture("nr");
        // ESP AES-GCM-16 128 as in the capture: 20 octets per direction, no integrity key.
        byte[] expected = referencePrfPlus(capture("sk_d"), IkeKeyDerivation.concat(ni, nr), 40);
        try (ChildSaKeys keys = kdf.childSaKeys(Secret.copyOf(capture("sk_d")), null, ni, nr, 20, 0)) {
            assertThat(keys.initiatorEncryption().bytes()).isEqualTo(java.util.Arrays.copyOf(expected, 20));
            assertThat(keys.responderEncryption().bytes()).isEqualTo(java.util.Arrays.copyOfRange(expected, 20, 40));
            assertThat(keys.initiatorIntegrity().length()).isZero();
        }
    }

    @Test
    void childSaKeymatWithPfsPutsTheNewSharedSecretFirstAndOrdersKeysPerDirection() throws Exception {
        IkeKeyDerivation kdf = factory.keyDerivation(CAPTURED);
        byte[] gir = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        byte[] ni = capture("nr");
        byte[] nr = capture("ni");
        byte[] expected = referencePrfPlus(capture("sk_d"), IkeKeyDerivation.concat(gir, ni, nr), 2 * (32 + 32));
        try (ChildSaKeys keys = kdf.childSaKeys(Secret.copyOf(capture("sk_d")), Secret.copyOf(gir), ni, nr, 32, 32)) {
            assertThat(IkeKeyDerivation.concat(keys.initiatorEncryption().bytes(), keys.initiatorIntegrity().bytes(),
                    keys.responderEncryption().bytes(), keys.responderIntegrity().bytes())).isEqualTo(expected);
        }
    }

    @Test
    void rekeySkeyseedUsesTheOldSkDAsKey() throws Exception {
        IkeKeyDerivation kdf = factory.keyDerivation(CAPTURED);
        byte[] gir = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(capture("sk_d"), "HmacSHA256"));
        byte[] expected = mac.doFinal(IkeKeyDerivation.concat(gir, capture("ni"), capture("nr")));
        assertThat(kdf.rekeySkeyseed(Secret.copyOf(capture("sk_d")), Secret.copyOf(gir), capture("ni"),
                capture("nr")).bytes()).isEqualTo(expected);
    }

    @Test
    void prfPlusIsBoundedTo255Blocks() throws Exception {
        IkeKeyDerivation kdf = factory.keyDerivation(CAPTURED);
        assertThat(kdf.prfPlus(new byte[32], new byte[4], 255 * 32)).hasSize(255 * 32);
        assertThatThrownBy(() -> kdf.prfPlus(new byte[32], new byte[4], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(kdf.prfPlus(new byte[32], new byte[4], 100))
                .isEqualTo(referencePrfPlus(new byte[32], new byte[4], 100));
    }
}
