package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 7296 section 2.8.1: of two SAs made by simultaneous rekeys, the one created with the lowest of the four
 * nonces is redundant. Nonces compare as unsigned octet strings.
 */
class RekeyCollisionTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void theSaHoldingTheLowestOfTheFourNoncesIsRedundant() {
        byte[] a = hex("10aa");
        byte[] b = hex("7f00");
        byte[] c = hex("20bb");
        byte[] d = hex("fe00");

        assertThat(RekeyCollision.firstIsRedundant(a, b, c, d)).isTrue();
        assertThat(RekeyCollision.firstIsRedundant(c, d, a, b)).isFalse();
        // The lowest nonce may be the responder's of either exchange.
        assertThat(RekeyCollision.firstIsRedundant(b, a, d, c)).isTrue();
        assertThat(RekeyCollision.firstIsRedundant(d, c, b, a)).isFalse();
    }

    @Test
    void noncesCompareUnsignedAndAShorterPrefixIsLower() {
        // 0x80 is above 0x7f as an octet (signed comparison would say otherwise).
        assertThat(RekeyCollision.firstIsRedundant(hex("80"), hex("ff"), hex("7f"), hex("ff"))).isFalse();
        assertThat(RekeyCollision.firstIsRedundant(hex("7f"), hex("ff"), hex("80"), hex("ff"))).isTrue();
        assertThat(RekeyCollision.firstIsRedundant(hex("1020"), hex("ff"), hex("102000"), hex("ff"))).isTrue();
    }

    @Test
    void exactlyOneOfTheTwoSasIsRedundant() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[][] n = new byte[4][16];
            for (byte[] x : n) {
                random.nextBytes(x);
            }
            assertThat(RekeyCollision.firstIsRedundant(n[0], n[1], n[2], n[3]))
                    .isNotEqualTo(RekeyCollision.firstIsRedundant(n[2], n[3], n[0], n[1]));
        }
    }
}
