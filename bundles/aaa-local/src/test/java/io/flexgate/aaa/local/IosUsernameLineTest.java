package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IosUsernameLineTest {

    private static String password(String line) {
        return new String(IosUsernameLine.parse(line).password());
    }

    @Test
    void clearPasswordFormsAsIosWritesThem() {
        assertThat(IosUsernameLine.parse("username test password cisco123").username()).isEqualTo("test");
        assertThat(password("username test password cisco123")).isEqualTo("cisco123");
        assertThat(password("username test password 0 cisco123")).isEqualTo("cisco123");
        assertThat(password(" username admin privilege 15 secret 0 two words ")).isEqualTo("two words");
        assertThat(password("username admin secret plain")).isEqualTo("plain");
    }

    /**
     * Type 7 known values for "cisco" at offsets 2, 3 and 6, as published with independent type-7
     * implementations (for example the c7decrypt project's known values; "02050D480809" is also the form
     * IOS shows for "cisco" in countless published configurations).
     */
    @Test
    void type7KnownValuesDecode() {
        assertThat(new String(CiscoType7.decode("02050D480809"))).isEqualTo("cisco");
        assertThat(new String(CiscoType7.decode("030752180500"))).isEqualTo("cisco");
        assertThat(new String(CiscoType7.decode("060506324F41"))).isEqualTo("cisco");
        assertThat(password("username cisco password 7 02050D480809")).isEqualTo("cisco");
    }

    @Test
    void corruptedType7StringsAreRefused() {
        assertThatThrownBy(() -> CiscoType7.decode("02050D48080")).hasMessageContaining("not a type 7 string");
        assertThatThrownBy(() -> CiscoType7.decode("0G050D480809")).hasMessageContaining("not a type 7 string");
        assertThatThrownBy(() -> CiscoType7.decode("02050D4808ZZ")).hasMessageContaining("non-hex");
        assertThatThrownBy(() -> CiscoType7.decode("99050D480809")).hasMessageContaining("offset 99");
        assertThatThrownBy(() -> IosUsernameLine.parse("username x password 7 02050D48080"))
                .hasMessageContaining("username x");
    }

    @Test
    void hashedSecretsAndMalformedLinesAreRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> IosUsernameLine.parse("username x secret 5 $1$abcd$efgh"))
                .hasMessageContaining("type 5 is not supported").hasMessageNotContaining("$1$abcd");
        assertThatThrownBy(() -> IosUsernameLine.parse("username x secret 9 $9$abc$def"))
                .hasMessageContaining("type 9");
        assertThatThrownBy(() -> IosUsernameLine.parse("user x password y")).hasMessageContaining("expected");
        assertThatThrownBy(() -> IosUsernameLine.parse("username x privilege high password y"))
                .hasMessageContaining("bad privilege");
        assertThatThrownBy(() -> IosUsernameLine.parse("username x autocommand show")).hasMessageContaining(
                "expected 'password' or 'secret'");
        assertThatThrownBy(() -> IosUsernameLine.parse("username x password 0 "))
                .hasMessageContaining("expected a password after type 0");
    }
}
