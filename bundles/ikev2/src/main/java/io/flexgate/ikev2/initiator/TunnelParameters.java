package io.flexgate.ikev2.initiator;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What the headend granted: the configuration reply (RFC 7296 section 3.15) and the CHILD_SA.
 *
 * @param address      INTERNAL_IP4_ADDRESS
 * @param netmask      INTERNAL_IP4_NETMASK
 * @param dnsServers   INTERNAL_IP4_DNS
 * @param splitRoutes  INTERNAL_IP4_SUBNET (empty: all traffic)
 * @param dnsDomain    INTERNAL_DNS_DOMAIN
 * @param banner       UNITY_BANNER or the AnyConnect login banner
 * @param child        the CHILD_SA made with IKE_AUTH
 * @param local        our IKE address after NAT traversal
 * @param remote       the headend's IKE address after NAT traversal
 * @param udpEncapsulation whether ESP goes in UDP (RFC 3948; a NAT was detected or faked)
 */
public record TunnelParameters(Optional<InetAddress> address, Optional<InetAddress> netmask, List<InetAddress> dnsServers,
        List<IpPrefix> splitRoutes, Optional<String> dnsDomain, Optional<String> banner, ChildSa child,
        InetSocketAddress local, InetSocketAddress remote, boolean udpEncapsulation) {

    public TunnelParameters {
        dnsServers = List.copyOf(dnsServers);
        splitRoutes = List.copyOf(splitRoutes);
    }
}
