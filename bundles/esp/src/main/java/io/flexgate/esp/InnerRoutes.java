package io.flexgate.esp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Outbound SA selection by inner destination address: a sharded exact table for IPv4 hosts (a remote-access
 * client's assigned address, the common case) and a longest-prefix list for everything else, rebuilt only when
 * an SA with such a prefix comes or goes. When two SAs cover the same destination (during a CHILD_SA rekey),
 * the one installed last wins. Writers serialise on the owning {@link SaDatabase}; readers take no lock.
 */
final class InnerRoutes {

    private record PrefixRoute(PrefixMatch prefix, EspSaPair pair) {
    }

    private final ShardedIntTable<EspSaPair> ipv4Hosts = new ShardedIntTable<>();
    /** Writer side: the SAs with prefixes other than IPv4 hosts, in installation order. */
    private final Set<EspSaPair> prefixOwners = new LinkedHashSet<>();
    private volatile PrefixRoute[] prefixes = new PrefixRoute[0];

    void add(EspSaPair pair) {
        boolean others = false;
        for (PrefixMatch p : PrefixMatch.of(pair.remotePrefixes())) {
            if (p.isIpv4Host()) {
                ipv4Hosts.put(Octets.getInt(p.network(), 0), pair);
            } else {
                others = true;
            }
        }
        if (others) {
            prefixOwners.add(pair);
            republishPrefixes();
        }
    }

    void remove(EspSaPair pair) {
        for (PrefixMatch p : PrefixMatch.of(pair.remotePrefixes())) {
            if (p.isIpv4Host()) {
                ipv4Hosts.remove(Octets.getInt(p.network(), 0), pair);
            }
        }
        if (prefixOwners.remove(pair)) {
            republishPrefixes();
        }
    }

    private void republishPrefixes() {
        List<PrefixRoute> routes = new ArrayList<>();
        for (EspSaPair pair : prefixOwners) {
            for (PrefixMatch p : PrefixMatch.of(pair.remotePrefixes())) {
                if (!p.isIpv4Host()) {
                    routes.add(0, new PrefixRoute(p, pair));
                }
            }
        }
        // Longest prefix first; the stable sort keeps the newest SA first among equal prefixes.
        routes.sort(Comparator.comparingInt((PrefixRoute r) -> r.prefix().length()).reversed());
        prefixes = routes.toArray(new PrefixRoute[0]);
    }

    /**
     * The SA for the IPv4 or IPv6 packet at {@code b[off]}; null when none (or the packet is too short).
     */
    EspSaPair lookup(byte[] b, int off, int len) {
        int version = len > 0 ? (b[off] & 0xff) >>> 4 : 0;
        int addressOff;
        int addressLength;
        if (version == 4 && len >= EspPacket.IPV4_HEADER) {
            EspSaPair host = ipv4Hosts.get(Octets.getInt(b, off + 16));
            if (host != null) {
                return host;
            }
            addressOff = off + 16;
            addressLength = 4;
        } else if (version == 6 && len >= EspPacket.IPV6_HEADER) {
            addressOff = off + 24;
            addressLength = 16;
        } else {
            return null;
        }
        for (PrefixRoute r : prefixes) {
            if (r.prefix().matches(b, addressOff, addressLength)) {
                return r.pair();
            }
        }
        return null;
    }
}
