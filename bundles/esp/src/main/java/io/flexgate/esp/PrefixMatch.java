package io.flexgate.esp;

import io.flexgate.api.net.IpPrefix;
import java.util.List;

/**
 * An IP prefix compared against an address inside a packet buffer without allocating.
 *
 * @param network the network octets (4 or 16)
 * @param length  the prefix length in bits
 */
record PrefixMatch(byte[] network, int length) {

    static PrefixMatch of(IpPrefix prefix) {
        return new PrefixMatch(prefix.network().getAddress(), prefix.length());
    }

    static PrefixMatch[] of(List<IpPrefix> prefixes) {
        return prefixes.stream().map(PrefixMatch::of).toArray(PrefixMatch[]::new);
    }

    /** True when the {@code addressLength}-octet address at {@code b[off]} lies in this prefix. */
    boolean matches(byte[] b, int off, int addressLength) {
        if (addressLength != network.length) {
            return false;
        }
        int full = length >>> 3;
        for (int i = 0; i < full; i++) {
            if (b[off + i] != network[i]) {
                return false;
            }
        }
        int rest = length & 7;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff00 >>> rest & 0xff;
        return ((b[off + full] ^ network[full]) & mask) == 0;
    }

    static boolean anyMatches(PrefixMatch[] prefixes, byte[] b, int off, int addressLength) {
        for (PrefixMatch p : prefixes) {
            if (p.matches(b, off, addressLength)) {
                return true;
            }
        }
        return false;
    }

    boolean isIpv4Host() {
        return network.length == 4 && length == 32;
    }
}
