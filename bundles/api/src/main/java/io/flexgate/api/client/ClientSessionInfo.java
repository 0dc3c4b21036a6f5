package io.flexgate.api.client;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One client session, a snapshot.
 *
 * @param name        its name
 * @param headend     the headend as dialled ({@code host:port})
 * @param user        the user name
 * @param eapMethod   the EAP method
 * @param state       where it is
 * @param since       when it entered that state
 * @param address     the address the headend assigned
 * @param dnsServers  the DNS servers it announced
 * @param routes      the networks routed into the tunnel (the split networks, or all of IPv4)
 * @param tunName     the TUN device, when there is a tunnel
 * @param counters    ESP packets and octets through the tunnel ({@link ChildSaCounters#ZERO} without one)
 * @param detail      why it failed or ended, or what the headend said (its banner); may be empty
 */
public record ClientSessionInfo(String name, String headend, String user, String eapMethod, State state,
        Instant since, Optional<InetAddress> address, List<InetAddress> dnsServers, List<IpPrefix> routes,
        Optional<String> tunName, ChildSaCounters counters, String detail) {

    public ClientSessionInfo {
        dnsServers = List.copyOf(dnsServers);
        routes = List.copyOf(routes);
    }

    /** Where a session is. */
    public enum State {
        CONNECTING, CONNECTED, FAILED, DISCONNECTED
    }
}
