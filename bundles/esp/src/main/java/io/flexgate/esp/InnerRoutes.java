package io.flexgate.esp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Outbound SA selection by inner destination address: an exact table for IPv4 hosts (a remote-access
 * client's assigned address, the common case) and a longest-prefix list for everything else. Immutable;
 * rebuilt when SAs come and go. When two SAs cover the same destination (during a CHILD_SA rekey), the
 * one installed last wins.
 */
final class InnerRoutes {

    static final InnerRoutes EMPTY = new InnerRoutes(IntTable.empty(), new PrefixRoute[0]);

    private record PrefixRoute(PrefixMatch prefix, EspSaPair pair) {
    }

    private final IntTable<EspSaPair> ipv4Hosts;
    private final PrefixRoute[] prefixes;

    private InnerRoutes(IntTable<EspSaPair> ipv4Hosts, PrefixRoute[] prefixes) {
        this.ipv4Hosts = ipv4Hosts;
        this.prefixes = prefixes;
    }

    /** Routes for {@code pairs} in installation order. */
    static InnerRoutes of(Collection<EspSaPair> pairs) {
        IntTable.Builder<EspSaPair> hosts = new IntTable.Builder<>();
        List<PrefixRoute> others = new ArrayList<>();
        for (EspSaPair pair : pairs) {
            for (PrefixMatch p : PrefixMatch.of(pair.remotePrefixes())) {
                if (p.isIpv4Host()) {
                    hosts.put(Octets.getInt(p.network(), 0), pair);
                } else {
                    others.add(0, new PrefixRoute(p, pair));
                }
            }
        }
        // Longest prefix first; the stable sort keeps the newest SA first among equal prefixes.
        others.sort(Comparator.comparingInt((PrefixRoute r) -> r.prefix().length()).reversed());
        return new InnerRoutes(hosts.build(), others.toArray(new PrefixRoute[0]));
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
