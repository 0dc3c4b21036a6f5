package io.flexgate.api.aaa;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Authorization for a remote-access session, as an IKEv2 authorization policy (group) or a user's
 * attributes give it. Every field is optional; {@link #overriddenBy} merges group and user the way IOS
 * {@code aaa authorization user ... cached} does: what the user has wins, the group fills the rest.
 *
 * @param pool           the name of the address pool to lease from
 * @param framedAddress  a fixed inner address (RADIUS Framed-IP-Address)
 * @param netmask        the netmask sent as INTERNAL_IP4_NETMASK
 * @param dnsServers     DNS servers in order (primary first)
 * @param defaultDomain  the DNS domain (INTERNAL_DNS_DOMAIN)
 * @param banner         the banner (Cisco Unity attribute)
 * @param splitRoutes    split-tunnel networks (INTERNAL_IP4_SUBNET and narrowed TSr); empty means all traffic
 * @param splitDns       domains resolved through the tunnel
 * @param backupGateways backup gateway names or addresses
 */
public record AuthorizationAttributes(Optional<String> pool, Optional<InetAddress> framedAddress,
        Optional<InetAddress> netmask, List<InetAddress> dnsServers, Optional<String> defaultDomain,
        Optional<String> banner, List<IpPrefix> splitRoutes, List<String> splitDns, List<String> backupGateways) {

    public static final AuthorizationAttributes NONE = new AuthorizationAttributes(Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());

    public AuthorizationAttributes {
        dnsServers = List.copyOf(dnsServers);
        splitRoutes = List.copyOf(splitRoutes);
        splitDns = List.copyOf(splitDns);
        backupGateways = List.copyOf(backupGateways);
    }

    /** This (group) policy with every attribute that {@code user} sets taken from {@code user}. */
    public AuthorizationAttributes overriddenBy(AuthorizationAttributes user) {
        return new AuthorizationAttributes(
                user.pool.or(() -> pool),
                user.framedAddress.or(() -> framedAddress),
                user.netmask.or(() -> netmask),
                user.dnsServers.isEmpty() ? dnsServers : user.dnsServers,
                user.defaultDomain.or(() -> defaultDomain),
                user.banner.or(() -> banner),
                user.splitRoutes.isEmpty() ? splitRoutes : user.splitRoutes,
                user.splitDns.isEmpty() ? splitDns : user.splitDns,
                user.backupGateways.isEmpty() ? backupGateways : user.backupGateways);
    }
}
