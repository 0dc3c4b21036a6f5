package io.flexgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.ikev2.initiator.InitiatorResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line a user types, and what the client makes of it. */
class ClientOptionsTest {

    @Test
    void connectLineWithDefaults() {
        ClientOptions o = ClientOptions.parse(List.of("vpn.example.com", "--user", "test", "--ca", "ca.pem"));

        assertThat(o.host()).isEqualTo("vpn.example.com");
        assertThat(o.user()).isEqualTo("test");
        assertThat(o.method()).isEqualTo("anyconnect");
        assertThat(o.port()).isEqualTo(500);
        assertThat(o.caFile()).contains(Path.of("ca.pem"));
        assertThat(o.expectedServerName()).isEqualTo("vpn.example.com");
        assertThat(o.hold()).isEqualTo(Duration.ZERO);
    }

    @Test
    void loadUserPatternNumbersEachSession() {
        ClientOptions o = ClientOptions.parse(List.of("10.0.0.1", "--user", "hs%d", "--sessions", "3"));

        assertThat(o.forSession(0).user()).isEqualTo("hs0");
        assertThat(o.forSession(41).user()).isEqualTo("hs41");
        assertThat(o.forSession(41).sessions()).isEqualTo(3);
        ClientOptions plain = ClientOptions.parse(List.of("10.0.0.1", "--user", "test"));
        assertThat(plain.forSession(7).user()).isEqualTo("test");
    }

    @Test
    void loadLineAndServerNameOverride() {
        ClientOptions o = ClientOptions.parse(List.of("--sessions", "50", "--rate", "12.5", "--hold", "30", "10.0.0.1",
                "--server-name", "vpn.example.com", "--method", "mschapv2"));

        assertThat(o.sessions()).isEqualTo(50);
        assertThat(o.rate()).isEqualTo(12.5);
        assertThat(o.hold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.expectedServerName()).isEqualTo("vpn.example.com");
        assertThat(o.method()).isEqualTo("mschapv2");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ClientOptions.parse(List.of())).hasMessageContaining("HOST");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--user"))).hasMessageContaining("--user needs a value");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--sessions", "0"))).hasMessageContaining("--sessions");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--sessions",
                String.valueOf(ClientOptions.MAX_SESSIONS + 1)))).hasMessageContaining("--sessions");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--rate", "0"))).hasMessageContaining("--rate");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--method", "pap"))).hasMessageContaining("--method");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--bogus"))).hasMessageContaining("--bogus");
    }

    @Test
    void exitCodesTellWrongPasswordFromUntrustedServer() {
        assertThat(ConnectCommand.exitCode(InitiatorResult.Reason.AUTHENTICATION_FAILED)).isEqualTo(2);
        assertThat(ConnectCommand.exitCode(InitiatorResult.Reason.SERVER_NOT_TRUSTED)).isEqualTo(3);
        assertThat(ConnectCommand.exitCode(InitiatorResult.Reason.TIMEOUT)).isEqualTo(4);
    }

    @Test
    void percentilesOfSetupLatency() {
        List<Long> sorted = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 100L);

        assertThat(LoadCommand.percentile(sorted, 50)).isEqualTo(5L);
        assertThat(LoadCommand.percentile(sorted, 99)).isEqualTo(100L);
        assertThat(LoadCommand.percentile(List.of(7L), 99)).isEqualTo(7L);
    }

    @Test
    void unknownVerbShowsUsage() {
        assertThat(Main.run(List.of("dance"))).isEqualTo(ConnectCommand.EXIT_OTHER);
    }
}
