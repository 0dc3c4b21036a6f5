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
 * CURVE_25519. A second set is the first SHA-1 vector of the NIST CAVP SP 800-135 IKEv2 KDF test (COUNT 0, 64-bit
 * nonces, 1056-bit DKM), as libreswan quotes it in programs/cavp's IKEv2 CAVS driver; the CAVP file itself was not
 * available offline.
 */
class IkeKeyDerivationTest {

    private static final IkeSaTransforms CAPTURED = new IkeSaTransforms(EncrAlgorithm.ENCR_AES_GCM_16, 128,
            PrfAlgorithm.PRF_HMAC_SHA2_256, IntegAlgorithm.NONE, DhGroup.CURVE25519);

    private final SkCipherFactory factory = new SkCipherFactory(CryptoSuite.defaults(), new java.security.SecureRandom());

    private static long spi(String name) {
        return ByteBuffer.wrap(capture(name)).getLong();
    }

    @Test
    void derivationKeyOnlyWipesTheOtherSixAndKeepsSkD() {
        Secret[] seven = new Secret[7];
        for (int i = 0; i < seven.length; i++) {
            seven[i] = Secret.copyOf(new byte[] {(byte) (i + 1), (byte) (i + 1)});
        }
        IkeSaKeys keys = new IkeSaKeys(seven[0], seven[1], seven[2], seven[3], seven[4], seven[5], seven[6]);

        IkeSaKeys kept = keys.derivationKeyOnly();

        assertThat(kept.skD()).isSameAs(seven[0]);
        assertThat(kept.skD().bytes()).containsExactly(1, 1);
        for (int i = 1; i < seven.length; i++) {
            assertThat(seven[i].isWiped()).as("key %d wiped", i).isTrue();
            assertThat(seven[i].bytes()).containsExactly(0, 0);
        }
        assertThat(kept.skPi().length()).isZero();
        assertThat(kept.encryptionKeyOf(true).length()).isZero();
        kept.close();
        assertThat(seven[0].isWiped()).isTrue();
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
    void childSaKeyLengthsIncludeTheSaltAndNoIntegrityKeyForAead() throws Exception {
        assertThat(factory.childSaKeyLengths(EncrAlgorithm.ENCR_AES_GCM_16, 256, IntegAlgorithm.NONE))
                .isEqualTo(new ChildSaKeyLengths(36, 0));
        assertThat(factory.childSaKeyLengths(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0, IntegAlgorithm.NONE))
                .isEqualTo(new ChildSaKeyLengths(36, 0));
        assertThat(factory.childSaKeyLengths(EncrAlgorithm.ENCR_AES_CBC, 128, IntegAlgorithm.AUTH_HMAC_SHA1_96))
                .isEqualTo(new ChildSaKeyLengths(16, 20));
        assertThatThrownBy(() -> factory.childSaKeyLengths(EncrAlgorithm.ENCR_3DES, 0,
                IntegAlgorithm.AUTH_HMAC_SHA1_96)).isInstanceOf(UnsupportedTransformException.class);
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

    /** NIST CAVP SP 800-135 IKEv2, [SHA-1], COUNT 0: every derivation of RFC 7296 sections 2.14, 2.17 and 2.18. */
    @Test
    void nistCavpSp800_135Sha1Count0() throws Exception {
        byte[] ni = hex("32b50d5f4a3763f3");
        byte[] nr = hex("9206a04b26564cb1");
        Secret gir = Secret.copyOf(hex("4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52"));
        Secret girNew = Secret.copyOf(hex("863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330"));
        long spiI = 0x34c9e7c188868785L;
        long spiR = 0x3ff77d760d2b2199L;
        byte[] dkm = hex("a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002a2a63080e514a062768b7660"
                + "6f9fa5e992204fc5a670bde3f10d6b027113936a5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9"
                + "c549fd11198af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435a7a56cc4");
        byte[] dkmChild = hex("8059e3ee8810e6c3a91bc8bcd2a7a41151b8d0e6ae239c7b38093ad85ef4c5811a8e7b5d1cdabd9560b2d5e0"
                + "92d1f24e2d4b85eccdf0ad0dc9abd94b51ee71814ca6dbc8bb51b6309f5b9545c7eb35cf5580b1e521a8fe20754a2d"
                + "883ba0c2cf285f524aea6545b33106bc03e614296d319d41d4b50b3f510b1c0a22f3e664994d234cb4");
        byte[] dkmChildDh = hex("bb43244c1860ad65ee1e211ffe8bb3661750c8f89cb9f547df7f4fa61d37301628190e38c66232eab4b3ab"
                + "14c400a5197dd3730ed4820a8a10394d51e1c0400052f63ebd36b0e7ef53aaed31eba4a5080d7d4b5666023a8bbb5ff"
                + "b7857240f9a05884d1b7d2f933708450b7b3288f1fc863ab49fa901227cffc06e27899c7054d56fd74c");

        IkeKeyDerivation kdf = new IkeKeyDerivation(CryptoSuite.defaults().prf(PrfAlgorithm.PRF_HMAC_SHA1).orElseThrow());
        Secret skeyseed = kdf.skeyseed(ni, nr, gir);
        assertThat(skeyseed.bytes()).isEqualTo(hex("a9a7b222b59f8f48645f28a1db5b5f5d7479cba7"));
        // 20 + 2*20 + 2*16 + 2*20 = 132 octets, the vector's DKM length.
        try (IkeSaKeys keys = kdf.ikeSaKeys(skeyseed, ni, nr, spiI, spiR, new IkeSaKeyLengths(20, 20, 16, 20))) {
            assertThat(IkeKeyDerivation.concat(keys.skD().bytes(), keys.skAi().bytes(), keys.skAr().bytes(),
                    keys.skEi().bytes(), keys.skEr().bytes(), keys.skPi().bytes(), keys.skPr().bytes()))
                    .isEqualTo(dkm);
            try (ChildSaKeys child = kdf.childSaKeys(keys.skD(), null, ni, nr, 36, 30);
                    ChildSaKeys pfs = kdf.childSaKeys(keys.skD(), girNew, ni, nr, 36, 30)) {
                assertThat(IkeKeyDerivation.concat(child.initiatorEncryption().bytes(),
                        child.initiatorIntegrity().bytes(), child.responderEncryption().bytes(),
                        child.responderIntegrity().bytes())).isEqualTo(dkmChild);
                assertThat(IkeKeyDerivation.concat(pfs.initiatorEncryption().bytes(), pfs.initiatorIntegrity().bytes(),
                        pfs.responderEncryption().bytes(), pfs.responderIntegrity().bytes())).isEqualTo(dkmChildDh);
            }
            assertThat(kdf.rekeySkeyseed(keys.skD(), girNew, ni, nr).bytes())
                    .isEqualTo(hex("63e81194946ebd05df7df5ebf5d8750056bf1f1d"));
        }
    }
}
