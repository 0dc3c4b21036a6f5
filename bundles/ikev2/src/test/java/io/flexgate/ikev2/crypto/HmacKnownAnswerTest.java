package io.flexgate.ikev2.crypto;

import static io.flexgate.ikev2.crypto.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HMAC PRF and INTEG transforms against published vectors. */
class HmacKnownAnswerTest {

    private final CryptoSuite suite = CryptoSuite.defaults();

    private static final byte[] HI_THERE = "Hi There".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WHAT_DO_YA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JEFE = "Jefe".getBytes(StandardCharsets.US_ASCII);

    private static byte[] repeat(int octet, int count) {
        byte[] b = new byte[count];
        java.util.Arrays.fill(b, (byte) octet);
        return b;
    }

    private Prf prf(PrfAlgorithm algorithm) {
        return suite.prf(algorithm).orElseThrow();
    }

    @Test
    void rfc2202HmacSha1TestCases1And2() {
        Prf sha1 = prf(PrfAlgorithm.PRF_HMAC_SHA1);
        assertThat(sha1.compute(repeat(0x0b, 20), HI_THERE)).isEqualTo(hex("b617318655057264e28bc0b6fb378c8ef146be00"));
        assertThat(sha1.compute(JEFE, WHAT_DO_YA)).isEqualTo(hex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
        assertThat(sha1.outputLength()).isEqualTo(20);
    }

    @Test
    void rfc4231TestCase1() {
        byte[] key = repeat(0x0b, 20);
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_256).compute(key, HI_THERE))
                .isEqualTo(hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"));
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_384).compute(key, HI_THERE)).isEqualTo(hex(
                "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"));
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_512).compute(key, HI_THERE)).isEqualTo(hex(
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"));
    }

    @Test
    void rfc4231TestCase2KeyShorterThanOutput() {
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_256).compute(JEFE, WHAT_DO_YA))
                .isEqualTo(hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_384).compute(JEFE, WHAT_DO_YA)).isEqualTo(hex(
                "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"));
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_512).compute(JEFE, WHAT_DO_YA)).isEqualTo(hex(
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"));
    }

    @Test
    void rfc4868Section2_7_2_1PrfWithFullLengthKeys() {
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_256).compute(repeat(0x0b, 32), HI_THERE))
                .isEqualTo(hex("198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"));
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_384).compute(repeat(0x0b, 48), HI_THERE)).isEqualTo(hex(
                "b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee9737a959796489bddbc4c5df61d5b3297b4fb68dab9f1b582c2"));
        assertThat(prf(PrfAlgorithm.PRF_HMAC_SHA2_512).compute(repeat(0x0b, 64), HI_THERE)).isEqualTo(hex(
                "637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8"
                        + "ac2878ebd5803f6f0b61dbce5e251ff8789a4722c1be65aea45fd464e89f8f5b"));
    }

    /** RFC 4868 section 2.7.2.2: the authenticator is the leftmost half of the HMAC. */
    @Test
    void rfc4868IntegTransformsTruncate() {
        Integrity sha256 = suite.integrity(IntegAlgorithm.AUTH_HMAC_SHA2_256_128).orElseThrow();
        Integrity sha384 = suite.integrity(IntegAlgorithm.AUTH_HMAC_SHA2_384_192).orElseThrow();
        Integrity sha512 = suite.integrity(IntegAlgorithm.AUTH_HMAC_SHA2_512_256).orElseThrow();
        assertThat(sha256.withKey(repeat(0x0b, 32)).update(HI_THERE).doFinal())
                .isEqualTo(hex("198a607eb44bfbc69903a0f1cf2bbdc5"));
        assertThat(sha384.withKey(repeat(0x0b, 48)).update(HI_THERE).doFinal())
                .isEqualTo(hex("b6a8d5636f5c6a7224f9977dcf7ee6c7fb6d0c48cbdee973"));
        assertThat(sha512.withKey(repeat(0x0b, 64)).update(HI_THERE).doFinal())
                .isEqualTo(hex("637edc6e01dce7e6742a99451aae82df23da3e92439e590e43e761b33e910fb8"));
        assertThat(new int[] {sha256.keyLength(), sha384.keyLength(), sha512.keyLength()})
                .containsExactly(32, 48, 64);
    }

    /** RFC 2404 HMAC-SHA1-96 over the RFC 2202 test case 2 input. */
    @Test
    void rfc2404HmacSha1_96() {
        Integrity sha1 = suite.integrity(IntegAlgorithm.AUTH_HMAC_SHA1_96).orElseThrow();
        assertThat(sha1.withKey(JEFE).update(WHAT_DO_YA).doFinal()).isEqualTo(hex("effcdf6ae5eb2fa2d27416d5"));
        assertThat(sha1.keyLength()).isEqualTo(20);
    }

    @Test
    void keyedMacResetsAfterEachResult() {
        try (KeyedMac mac = prf(PrfAlgorithm.PRF_HMAC_SHA2_256).withKey(JEFE)) {
            byte[] first = mac.update(WHAT_DO_YA).doFinal();
            assertThat(mac.update(WHAT_DO_YA).doFinal()).isEqualTo(first);
        }
    }

    @Test
    void unimplementedTransformsAreAbsent() {
        assertThat(suite.prf(PrfAlgorithm.PRF_AES128_XCBC)).isEmpty();
        assertThat(suite.integrity(IntegAlgorithm.AUTH_HMAC_MD5_96)).isEmpty();
        assertThat(suite.integrity(IntegAlgorithm.NONE)).isEmpty();
    }
}
