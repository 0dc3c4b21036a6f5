package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class NtHashTest {

    /** RFC 2759 section 9.2: Password "clientPass" gives PasswordHash 44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE. */
    @Test
    void rfc2759Section92PasswordHash() {
        assertThat(HexFormat.of().withUpperCase().formatHex(NtHash.of("clientPass".toCharArray())))
                .isEqualTo("44EBBA8D5312B8D611474411F56989AE");
    }
}
