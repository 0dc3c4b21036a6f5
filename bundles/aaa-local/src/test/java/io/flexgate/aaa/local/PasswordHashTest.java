package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    /** Enough for the tests to run fast; production uses {@link PasswordHash#DEFAULT_ITERATIONS}. */
    private static final int TEST_ITERATIONS = PasswordHash.MIN_ITERATIONS;

    private static String pbkdf2Hex(String password, String salt, int c, int dkLen) {
        return HexFormat.of().formatHex(PasswordHash.pbkdf2(password.toCharArray(),
                salt.getBytes(StandardCharsets.US_ASCII), c, dkLen));
    }

    /** RFC 7914 section 11, the two PBKDF2-HMAC-SHA256 test vectors. */
    @Test
    void rfc7914Section11Vectors() {
        assertThat(pbkdf2Hex("passwd", "salt", 1, 64)).isEqualTo(
                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                        + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
        assertThat(pbkdf2Hex("Password", "NaCl", 80_000, 64)).isEqualTo(
                "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                        + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
    }

    /**
     * RFC 6070 section 2's inputs run through HMAC-SHA256 instead of HMAC-SHA1. The outputs are not in the RFC;
     * they are the values independent implementations publish for these inputs (for example the test vectors of
     * the scrypt-pbkdf and mysql_PBKDF2 projects, which cite Stack Overflow question 5130513).
     */
    @Test
    void rfc6070InputsWithSha256() {
        assertThat(pbkdf2Hex("password", "salt", 1, 32))
                .isEqualTo("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
        assertThat(pbkdf2Hex("password", "salt", 2, 32))
                .isEqualTo("ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
        assertThat(pbkdf2Hex("password", "salt", 4096, 32))
                .isEqualTo("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
        assertThat(pbkdf2Hex("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40))
                .isEqualTo("348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9");
    }

    @Test
    void createdHashVerifiesOnlyItsPasswordAndSurvivesEncoding() {
        PasswordHash hash = PasswordHash.create("cisco123".toCharArray(), TEST_ITERATIONS, new SecureRandom());
        PasswordHash decoded = PasswordHash.decode(hash.encode());
        assertThat(decoded.encode()).isEqualTo(hash.encode());
        assertThat(decoded.matches("cisco123".toCharArray())).isTrue();
        assertThat(decoded.matches("cisco124".toCharArray())).isFalse();
        assertThat(decoded.matches("Cisco123".toCharArray())).isFalse();
        assertThat(hash.encode()).startsWith("pbkdf2-sha256$" + TEST_ITERATIONS + "$");
        assertThat(hash.toString()).doesNotContain(hash.encode().split("\\$")[3]);
    }

    @Test
    void sameUserPasswordGetsADifferentSaltEachTime() {
        SecureRandom random = new SecureRandom();
        String a = PasswordHash.create("cisco123".toCharArray(), TEST_ITERATIONS, random).encode();
        String b = PasswordHash.create("cisco123".toCharArray(), TEST_ITERATIONS, random).encode();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void corruptedStoredHashFailsToVerifyOrToDecode() {
        String good = PasswordHash.create("cisco123".toCharArray(), TEST_ITERATIONS, new SecureRandom()).encode();
        String[] parts = good.split("\\$");
        // One changed character of the hash: still decodes, no longer verifies.
        char c = parts[3].charAt(0);
        String flipped = parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + (c == 'A' ? 'B' : 'A')
                + parts[3].substring(1);
        assertThat(PasswordHash.decode(flipped).matches("cisco123".toCharArray())).isFalse();
        assertThatThrownBy(() -> PasswordHash.decode(good.replace("pbkdf2-sha256", "pbkdf2-sha1")))
                .hasMessageContaining("not a pbkdf2-sha256");
        assertThatThrownBy(() -> PasswordHash.decode(parts[0] + "$999$" + parts[2] + "$" + parts[3]))
                .hasMessageContaining("iteration count 999");
        assertThatThrownBy(() -> PasswordHash.decode(good.substring(0, good.length() - 4)))
                .hasMessageContaining("hash of");
        assertThatThrownBy(() -> PasswordHash.decode(parts[0] + "$" + parts[1] + "$AAAA$" + parts[3]))
                .hasMessageContaining("salt of 3 bytes");
        assertThatThrownBy(() -> PasswordHash.decode(parts[0] + "$x$" + parts[2] + "$" + parts[3]))
                .hasMessageContaining("bad iteration count");
    }

    @Test
    void emptyAndOverlongPasswordsAreRefused() {
        assertThatThrownBy(() -> PasswordHash.create(new char[0], TEST_ITERATIONS, new SecureRandom()))
                .hasMessageContaining("password length");
        char[] longPassword = new char[PasswordHash.MAX_PASSWORD_CHARS + 1];
        java.util.Arrays.fill(longPassword, 'a');
        assertThatThrownBy(() -> PasswordHash.create(longPassword, TEST_ITERATIONS, new SecureRandom()))
                .hasMessageContaining("password length");
    }
}
