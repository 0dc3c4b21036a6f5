package io.flexgate.shell.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.client.ClientSessionInfo;
import io.flexgate.api.client.ConnectRequest;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The logic of client:connect, client:status and client:disconnect, without Karaf. */
class ClientTextTest {

    private static final Instant T0 = Instant.parse("2026-11-28T21:00:00Z");

    @Test
    void requestIsNamedAfterTheHostAndCarriesEveryOption() {
        Secret password = Secret.copyOf("cisco123".getBytes(StandardCharsets.UTF_8));

        ConnectRequest r = ClientText.request("198.18.0.1", Optional.empty(), 500, "test", "anyconnect", "/etc/ca.pem",
                Optional.of("vpn.flexgate.test"), Optional.of("Employees"), Optional.of("fgc0"), password);

        assertThat(r.name()).isEqualTo("198.18.0.1");
        assertThat(r.caFile()).isEqualTo(Path.of("/etc/ca.pem"));
        assertThat(r.serverName()).contains("vpn.flexgate.test");
        assertThat(r.group()).contains("Employees");
        assertThat(r.tunName()).contains("fgc0");
        assertThat(r.password()).isSameAs(password);
        assertThat(r.toString()).as("no password in logs").doesNotContain("cisco123");
    }

    @Test
    void badOptionsAreRefusedWithTheOptionNamed() {
        Secret p = Secret.copyOf(new byte[0]);
        assertThatThrownBy(() -> ClientText.request("h", Optional.empty(), 0, "test", "anyconnect", "ca.pem",
                Optional.empty(), Optional.empty(), Optional.empty(), p)).hasMessageContaining("--port");
        assertThatThrownBy(() -> ClientText.request("h", Optional.empty(), 500, "test", "eap-tls", "ca.pem",
                Optional.empty(), Optional.empty(), Optional.empty(), p)).hasMessageContaining("--method");
        assertThatThrownBy(() -> ClientText.request("h", Optional.of("a b"), 500, "test", "md5", "ca.pem",
                Optional.empty(), Optional.empty(), Optional.empty(), p)).hasMessageContaining("session name");
        assertThatThrownBy(() -> ClientText.request("h", Optional.empty(), 500, "test", "gtc", "ca.pem",
                Optional.empty(), Optional.empty(), Optional.of("a-name-longer-than-15"), p))
                .hasMessageContaining("--tun");
        assertThatThrownBy(() -> ClientText.request("h", Optional.empty(), 500, " ", "gtc", "ca.pem",
                Optional.empty(), Optional.empty(), Optional.empty(), p)).hasMessageContaining("--user");
    }

    @Test
    void missingClientServiceIsAClearMessage() {
        assertThatThrownBy(() -> ClientText.require(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("feature flexgate-client");
    }

    @Test
    void connectedSessionShowsAddressDnsRoutesAndTunnel() throws Exception {
        List<String> lines = ClientText.connected(connected(List.of(IpPrefix.parse("10.0.0.0/8")), Optional.of("fgc0")));

        assertThat(lines).containsExactly(
                "client session gw: connected to 198.18.0.1:500 as test (EAP-anyconnect)",
                "  address 192.168.10.5",
                "  dns     10.0.1.1",
                "  routes  10.0.0.0/8",
                "  tunnel  fgc0");
    }

    @Test
    void failedSessionShowsWhyAndNoAddress() {
        ClientSessionInfo failed = new ClientSessionInfo("gw", "198.18.0.1:500", "test", "anyconnect",
                ClientSessionInfo.State.FAILED, T0, Optional.empty(), List.of(), List.of(), Optional.empty(),
                ChildSaCounters.ZERO, "authentication failed (EAP-Failure)");

        assertThat(ClientText.connected(failed)).containsExactly(
                "client session gw: failed to 198.18.0.1:500 as test (EAP-anyconnect)",
                "  authentication failed (EAP-Failure)");
    }

    @Test
    void statusRowsCountPacketsAndShowAllTrafficWithoutSplitNetworks() throws Exception {
        List<List<String>> rows = ClientText.rows(List.of(connected(List.of(), Optional.empty())),
                T0.plus(Duration.ofSeconds(3725)));

        assertThat(rows).containsExactly(List.of("gw", "198.18.0.1:500", "test", "CONNECTED", "192.168.10.5", "all",
                "-", "7/5", "01:02:05", ""));
        assertThat(rows.get(0)).hasSameSizeAs(ClientText.COLUMNS);
    }

    @Test
    void durationsBeyondADayAreInDaysAndHours() {
        assertThat(ClientText.duration(Duration.ofHours(51))).isEqualTo("2d03h");
        assertThat(ClientText.duration(Duration.ofSeconds(59))).isEqualTo("00:00:59");
    }

    private static ClientSessionInfo connected(List<IpPrefix> routes, Optional<String> tun) throws Exception {
        return new ClientSessionInfo("gw", "198.18.0.1:500", "test", "anyconnect", ClientSessionInfo.State.CONNECTED,
                T0, Optional.of(InetAddress.getByName("192.168.10.5")), List.of(InetAddress.getByName("10.0.1.1")),
                routes, tun, new ChildSaCounters(7, 5, 700, 500, 0, 0, 0, 0), "");
    }
}
