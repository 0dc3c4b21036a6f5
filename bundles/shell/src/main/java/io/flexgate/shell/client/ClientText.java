package io.flexgate.shell.client;

import io.flexgate.api.Secret;
import io.flexgate.api.client.ClientSessionInfo;
import io.flexgate.api.client.ConnectRequest;
import io.flexgate.api.client.VpnClient;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code client:*} commands check and print, apart from Karaf: requests from the command's options,
 * the lines after a connect, and the rows of {@code client:status}.
 */
final class ClientText {

    /** What a client command says when the client component is not there. */
    static final String NO_CLIENT = "the FlexGate client is not running: install the feature flexgate-client"
            + " (it needs the configuration io.flexgate.client)";
    static final List<String> METHODS = List.of("anyconnect", "mschapv2", "md5", "gtc");
    /** Longest session name (a word for status and disconnect). */
    static final int MAX_NAME = 32;
    /** Linux interface names have at most 15 characters. */
    static final int MAX_TUN_NAME = 15;
    static final int MIN_PORT = 1;
    static final int MAX_PORT = 65_535;

    private ClientText() {
    }

    /** The client, or a clear error when its component is absent. */
    static VpnClient require(VpnClient client) {
        if (client == null) {
            throw new IllegalStateException(NO_CLIENT);
        }
        return client;
    }

    /**
     * A request from the options of {@code client:connect}; the session is named after the host unless named.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    static ConnectRequest request(String host, Optional<String> name, int port, String user, String method, String ca,
            Optional<String> serverName, Optional<String> group, Optional<String> tun, Secret password) {
        String n = name.orElse(host);
        if (!n.matches("[A-Za-z0-9._-]{1," + MAX_NAME + "}")) {
            throw new IllegalArgumentException("session name '" + n + "' must be 1 to " + MAX_NAME
                    + " letters, digits, '.', '_' or '-'");
        }
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException("--port must be from " + MIN_PORT + " to " + MAX_PORT);
        }
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("--method must be one of " + String.join(", ", METHODS));
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("--user must not be empty");
        }
        if (tun.isPresent() && !tun.get().matches("[A-Za-z0-9_-]{1," + MAX_TUN_NAME + "}")) {
            throw new IllegalArgumentException("--tun must be an interface name of 1 to " + MAX_TUN_NAME
                    + " letters, digits, '_' or '-'");
        }
        return new ConnectRequest(n, host, port, user, method, Path.of(ca), serverName, group, tun, password);
    }

    /** The lines after {@code client:connect}. */
    static List<String> connected(ClientSessionInfo s) {
        List<String> lines = new ArrayList<>();
        lines.add("client session " + s.name() + ": " + s.state().name().toLowerCase(java.util.Locale.ROOT) + " to "
                + s.headend() + " as " + s.user() + " (EAP-" + s.eapMethod() + ")");
        if (s.state() == ClientSessionInfo.State.CONNECTED) {
            lines.add("  address " + s.address().map(InetAddress::getHostAddress).orElse("(none)"));
            lines.add("  dns     " + (s.dnsServers().isEmpty() ? "(none)" : String.join(" ", s.dnsServers().stream()
                    .map(InetAddress::getHostAddress).toList())));
            lines.add("  routes  " + routes(s.routes()));
            lines.add("  tunnel  " + s.tunName().orElse("none (control plane only)"));
        }
        if (!s.detail().isEmpty()) {
            lines.add("  " + s.detail());
        }
        return lines;
    }

    /** {@code client:status}: one row per session. */
    static List<List<String>> rows(List<ClientSessionInfo> sessions, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        for (ClientSessionInfo s : sessions) {
            ChildSaCounters c = s.counters();
            rows.add(List.of(s.name(), s.headend(), s.user(), s.state().name(),
                    s.address().map(InetAddress::getHostAddress).orElse("-"), routes(s.routes()),
                    s.tunName().orElse("-"), c.packetsEncrypted() + "/" + c.packetsDecrypted(),
                    duration(Duration.between(s.since(), now)), s.detail()));
        }
        return rows;
    }

    static final List<String> COLUMNS = List.of("Name", "Headend", "User", "State", "Address", "Routes", "TUN",
            "Pkts enc/dec", "For", "Detail");

    private static String routes(List<IpPrefix> routes) {
        return routes.isEmpty() ? "all" : String.join(" ", routes.stream().map(IpPrefix::toString).toList());
    }

    /** IOS style: {@code 00:01:05}, or {@code 2d03h} beyond a day. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= Duration.ofDays(1).getSeconds()) {
            return String.format("%dd%02dh", s / 86_400, s % 86_400 / 3600);
        }
        return String.format("%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
    }
}
