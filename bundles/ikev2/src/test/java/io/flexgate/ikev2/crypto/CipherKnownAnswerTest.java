package io.flexgate.ikev2.crypto;

import static io.flexgate.ikev2.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/** ENCR transforms against published vectors, in the IKEv2 key | salt and 8-octet IV layout. */
class CipherKnownAnswerTest {

    private final CryptoSuite suite = CryptoSuite.defaults();

    /** McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 3, 4, 9, 15 and 16. */
    private static final String GCM_KEY = "feffe9928665731c6d6a8f9467308308";
    private static final String GCM_SALT = "cafebabe";
    private static final byte[] GCM_IV = hex("facedbaddecaf888");
    private static final byte[] GCM_PLAIN = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
    private static final byte[] GCM_AAD = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");

    private Aead aead(EncrAlgorithm algorithm, int bits) {
        return suite.aead(algorithm, bits).orElseThrow();
    }

    private static byte[] seal(Aead aead, String keyAndSalt, byte[] iv, byte[] aad, byte[] plain) {
        try (Aead.Keyed keyed = aead.withKey(hex(keyAndSalt))) {
            return keyed.seal(iv, aad, plain, 0, plain.length);
        }
    }

    private static byte[] open(Aead aead, String keyAndSalt, byte[] iv, byte[] aad, byte[] sealed)
            throws AEADBadTagException {
        try (Aead.Keyed keyed = aead.withKey(hex(keyAndSalt))) {
            return keyed.open(iv, aad, sealed, 0, sealed.length);
        }
    }

    @Test
    void gcmTestCase3WithEachIcvLength() throws Exception {
        String ciphertext = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985";
        String tag = "4d5c2af327cd64a62cf35abd2ba6fab4";
        for (EncrAlgorithm algorithm : new EncrAlgorithm[] {EncrAlgorithm.ENCR_AES_GCM_8,
                EncrAlgorithm.ENCR_AES_GCM_12, EncrAlgorithm.ENCR_AES_GCM_16}) {
            Aead gcm = aead(algorithm, 128);
            byte[] expected = hex(ciphertext + tag.substring(0, 2 * gcm.icvLength()));
            assertThat(seal(gcm, GCM_KEY + GCM_SALT, GCM_IV, new byte[0], GCM_PLAIN)).as(algorithm.name())
                    .isEqualTo(expected);
            assertThat(open(gcm, GCM_KEY + GCM_SALT, GCM_IV, new byte[0], expected)).isEqualTo(GCM_PLAIN);
        }
    }

    @Test
    void gcmTestCase4WithAssociatedData() throws Exception {
        byte[] plain = java.util.Arrays.copyOf(GCM_PLAIN, 60);
        byte[] expected = hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091" + "5bc94fbc3221a5db94fae95ae7121a47");
        Aead gcm = aead(EncrAlgorithm.ENCR_AES_GCM_16, 128);
        assertThat(seal(gcm, GCM_KEY + GCM_SALT, GCM_IV, GCM_AAD, plain)).isEqualTo(expected);
        assertThat(open(gcm, GCM_KEY + GCM_SALT, GCM_IV, GCM_AAD, expected)).isEqualTo(plain);
    }

    @Test
    void gcmTestCases9And15With192And256BitKeys() {
        assertThat(seal(aead(EncrAlgorithm.ENCR_AES_GCM_16, 192), GCM_KEY + "feffe9928665731c" + GCM_SALT, GCM_IV,
                new byte[0], GCM_PLAIN)).isEqualTo(hex(
                        "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
                                + "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710acade256"
                                + "9924a7c8587336bfb118024db8674a14"));
        assertThat(seal(aead(EncrAlgorithm.ENCR_AES_GCM_16, 256), GCM_KEY + GCM_KEY + GCM_SALT, GCM_IV, new byte[0],
                GCM_PLAIN)).isEqualTo(hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                        + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
                        + "b094dac5d93471bdec1a502270e3cc6c"));
    }

    @Test
    void gcmRejectsAnyChangedOctetWithEachIcvLength() {
        for (EncrAlgorithm algorithm : new EncrAlgorithm[] {EncrAlgorithm.ENCR_AES_GCM_8,
                EncrAlgorithm.ENCR_AES_GCM_12, EncrAlgorithm.ENCR_AES_GCM_16}) {
            Aead gcm = aead(algorithm, 256);
            String key = GCM_KEY + GCM_KEY + GCM_SALT;
            byte[] sealed = seal(gcm, key, GCM_IV, GCM_AAD, GCM_PLAIN);
            for (int i : new int[] {0, sealed.length - 1}) {
                byte[] bad = sealed.clone();
                bad[i] ^= 1;
                assertThatThrownBy(() -> open(gcm, key, GCM_IV, GCM_AAD, bad)).isInstanceOf(AEADBadTagException.class);
            }
            byte[] badAad = GCM_AAD.clone();
            badAad[3] ^= 0x40;
            assertThatThrownBy(() -> open(gcm, key, GCM_IV, badAad, sealed)).isInstanceOf(AEADBadTagException.class);
        }
    }

    /** RFC 7539 section 2.8.2 (the AEAD example RFC 7634 builds on): constant 07000000 as salt. */
    @Test
    void chacha20Poly1305Rfc7539Section2_8_2() throws Exception {
        Aead chacha = aead(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 0);
        String key = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f" + "07000000";
        byte[] iv = hex("4041424344454647");
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] plain = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] expected = hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691");
        assertThat(seal(chacha, key, iv, aad, plain)).isEqualTo(expected);
        assertThat(open(chacha, key, iv, aad, expected)).isEqualTo(plain);
        assertThat(chacha.keyLength() + chacha.saltLength()).isEqualTo(36);
    }

    /** RFC 7634 Appendix A: the ESP example (key 80..9f, salt a0a1a2a3). */
    @Test
    void chacha20Poly1305Rfc7634AppendixAEsp() throws Exception {
        Aead chacha = aead(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 256);
        String key = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f" + "a0a1a2a3";
        byte[] plain = hex("45000054a6f200004001e778c6336405c000020508005b7a3a080000553bec10"
                + "000736270809 0a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223"
                + "2425262728292a2b2c2d2e2f303132333435363701020204");
        byte[] expected = hex("24039428b97f417e3c13753a4f05087b67c352e6a7fab1b982d466ef407ae5c6"
                + "14ee8099d52844eb61aa95dfab4c02f72aa71e7c4c4f64c9befe2facc638e8f3"
                + "cbec163fac469b502773f6fb94e664da9165b82829f641e076aaa8266b7fb0f7"
                + "b11b369907e1ad43");
        byte[] aad = hex("0102030400000005");
        assertThat(seal(chacha, key, hex("1011121314151617"), aad, plain)).isEqualTo(expected);
        assertThat(open(chacha, key, hex("1011121314151617"), aad, expected)).isEqualTo(plain);
    }

    /** RFC 3602 section 4, cases 1 and 2. */
    @Test
    void aesCbcRfc3602Cases1And2() {
        Cipher cbc = suite.cipher(EncrAlgorithm.ENCR_AES_CBC, 128).orElseThrow();
        try (Cipher.Keyed keyed = cbc.withKey(hex("06a9214036b8a15b512e03d534120006"))) {
            byte[] plain = "Single block msg".getBytes(StandardCharsets.US_ASCII);
            byte[] iv = hex("3dafba429d9eb430b422da802c9fac41");
            assertThat(keyed.encrypt(iv, plain, 0, 16)).isEqualTo(hex("e353779c1079aeb82708942dbe77181a"));
            assertThat(keyed.decrypt(iv, hex("e353779c1079aeb82708942dbe77181a"), 0, 16)).isEqualTo(plain);
        }
        try (Cipher.Keyed keyed = cbc.withKey(hex("c286696d887c9aa0611bbb3e2025a45a"))) {
            byte[] plain = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
            assertThat(keyed.encrypt(hex("562e17996d093d28ddb3ba695a2e6f58"), plain, 0, 32))
                    .isEqualTo(hex("d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1"));
        }
    }

    @Test
    void keyLengthsAndAttributesAreChecked() {
        assertThat(suite.cipher(EncrAlgorithm.ENCR_AES_CBC, 192).orElseThrow().keyLength()).isEqualTo(24);
        assertThat(suite.cipher(EncrAlgorithm.ENCR_AES_CBC, 0)).isEmpty();
        assertThat(suite.aead(EncrAlgorithm.ENCR_AES_GCM_16, 0)).isEmpty();
        assertThat(suite.aead(EncrAlgorithm.ENCR_CHACHA20_POLY1305, 128)).isEmpty();
        assertThat(suite.aead(EncrAlgorithm.ENCR_AES_CCM_16, 128)).isEmpty();
        Aead gcm = aead(EncrAlgorithm.ENCR_AES_GCM_12, 128);
        assertThatThrownBy(() -> gcm.withKey(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
