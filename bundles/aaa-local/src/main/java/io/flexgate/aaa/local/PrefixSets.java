package io.flexgate.aaa.local;

import io.flexgate.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/** Set arithmetic on CIDR prefixes (two prefixes are either disjoint or one contains the other). */
final class PrefixSets {

    private PrefixSets() {
    }

    static boolean overlap(IpPrefix a, IpPrefix b) {
        return a.contains(b.network()) || b.contains(a.network());
    }

    /** True when {@code outer} contains all of {@code inner}. */
    static boolean covers(IpPrefix outer, IpPrefix inner) {
        return outer.length() <= inner.length() && outer.contains(inner.network());
    }

    /** {@code a} minus {@code b}: at most {@code b.length - a.length} disjoint prefixes. */
    static List<IpPrefix> subtract(IpPrefix a, IpPrefix b) {
        if (!overlap(a, b)) {
            return List.of(a);
        }
        if (covers(b, a)) {
            return List.of();
        }
        // b lies strictly inside a: keep the half without b, and recurse into the half with b.
        List<IpPrefix> out = new ArrayList<>();
        IpPrefix current = a;
        while (current.length() < b.length()) {
            IpPrefix low = new IpPrefix(current.network(), current.length() + 1);
            IpPrefix high = new IpPrefix(highHalf(current), current.length() + 1);
            if (covers(low, b)) {
                out.add(high);
                current = low;
            } else {
                out.add(low);
                current = high;
            }
        }
        return out;
    }

    /** Sorts disjoint prefixes and merges sibling pairs into their parent until none is left. */
    static List<IpPrefix> aggregate(List<IpPrefix> disjoint) {
        List<IpPrefix> list = new ArrayList<>(disjoint);
        boolean merged = true;
        while (merged) {
            merged = false;
            list.sort(null);
            for (int i = 0; i + 1 < list.size(); i++) {
                IpPrefix a = list.get(i);
                IpPrefix b = list.get(i + 1);
                if (a.length() == b.length() && a.length() > 0 && a.isIpv4() == b.isIpv4()) {
                    IpPrefix parent = new IpPrefix(a.network(), a.length() - 1);
                    if (parent.network().equals(a.network()) && parent.contains(b.network())) {
                        list.set(i, parent);
                        list.remove(i + 1);
                        merged = true;
                    }
                }
            }
        }
        return List.copyOf(list);
    }

    /** The network address of the upper half of {@code p}. */
    private static java.net.InetAddress highHalf(IpPrefix p) {
        byte[] a = p.network().getAddress();
        a[p.length() / 8] |= (byte) (0x80 >>> (p.length() % 8));
        try {
            return java.net.InetAddress.getByAddress(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
