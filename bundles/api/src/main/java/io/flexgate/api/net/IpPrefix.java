package io.flexgate.api.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR form, normalised so that host bits are zero ({@code 10.1.2.3/8}
 * becomes {@code 10.0.0.0/8}). Immutable.
 *
 * @param network the network address, host bits zero
 * @param length  the prefix length, 0..32 for IPv4 and 0..128 for IPv6
 */
public record IpPrefix(InetAddress network, int length) implements Comparable<IpPrefix> {

    public IpPrefix {
        int bits = network.getAddress().length * 8;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + bits);
        }
        network = mask(network, length);
    }

    /** A host prefix (/32 or /128). */
    public static IpPrefix host(InetAddress address) {
        return new IpPrefix(address, address.getAddress().length * 8);
    }

    /**
     * Parses {@code a.b.c.d/len}, {@code a.b.c.d} (a host), IPv6 likewise, or IOS's
     * {@code a.b.c.d w.x.y.z} with a wildcard mask (ACL style) or netmask.
     *
     * @throws IllegalArgumentException with a message naming the input when it is not a prefix
     */
    public static IpPrefix parse(String text) {
        String s = text.trim();
        try {
            int slash = s.indexOf('/');
            if (slash >= 0) {
                return new IpPrefix(literal(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1)));
            }
            String[] words = s.split("\\s+");
            if (words.length == 2) {
                return new IpPrefix(literal(words[0]), maskLength(literal(words[1])));
            }
            return host(literal(s));
        } catch (NumberFormatException | UnknownHostException e) {
            throw new IllegalArgumentException("not an IP prefix: '" + text + "'", e);
        }
    }

    /** True for an IPv4 prefix. */
    public boolean isIpv4() {
        return network instanceof Inet4Address;
    }

    /** True when {@code address} lies inside this prefix (and is of the same family). */
    public boolean contains(InetAddress address) {
        if (address.getAddress().length != network.getAddress().length) {
            return false;
        }
        return mask(address, length).equals(network);
    }

    /** The dotted netmask of an IPv4 prefix ({@code 255.0.0.0} for /8). */
    public InetAddress netmask() {
        byte[] m = new byte[network.getAddress().length];
        for (int i = 0; i < length; i++) {
            m[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return byAddress(m);
    }

    /** The last address of the prefix (the broadcast address for IPv4). */
    public InetAddress lastAddress() {
        byte[] a = network.getAddress();
        for (int i = length; i < a.length * 8; i++) {
            a[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        return byAddress(a);
    }

    @Override
    public int compareTo(IpPrefix o) {
        byte[] a = network.getAddress();
        byte[] b = o.network.getAddress();
        int c = Integer.compare(a.length, b.length);
        if (c != 0) {
            return c;
        }
        c = Arrays.compareUnsigned(a, b);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + length;
    }

    private static InetAddress literal(String s) throws UnknownHostException {
        String t = s.trim();
        // Only literals: never let a configuration value trigger a DNS lookup.
        if (t.isEmpty() || !(t.indexOf(':') >= 0 || t.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch)))) {
            throw new UnknownHostException("not an address literal: " + s);
        }
        if (t.indexOf(':') < 0 && t.split("\\.", -1).length != 4) {
            throw new UnknownHostException("not an IPv4 address: " + s);
        }
        return InetAddress.getByName(t);
    }

    /** Length of a netmask ({@code 255.255.0.0}) or an IOS wildcard mask ({@code 0.0.255.255}). */
    private static int maskLength(InetAddress mask) {
        byte[] m = mask.getAddress();
        if (allZero(m)) {
            // 0.0.0.0 is the wildcard of a host entry in ACLs.
            return m.length * 8;
        }
        // A netmask starts with a one bit; an ACL wildcard with a zero (255.255.255.255 is ACL "any").
        boolean wildcard = (m[0] & 0x80) == 0 || allOnes(m);
        int len = 0;
        boolean ended = false;
        for (int i = 0; i < m.length * 8; i++) {
            boolean bit = (m[i / 8] & (0x80 >>> (i % 8))) != 0;
            boolean inNetwork = wildcard ? !bit : bit;
            if (inNetwork) {
                if (ended) {
                    throw new IllegalArgumentException("non-contiguous mask " + mask.getHostAddress());
                }
                len++;
            } else {
                ended = true;
            }
        }
        return len;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allOnes(byte[] b) {
        for (byte x : b) {
            if (x != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress mask(InetAddress address, int length) {
        byte[] a = address.getAddress();
        for (int i = length; i < a.length * 8; i++) {
            a[i / 8] &= (byte) ~(0x80 >>> (i % 8));
        }
        return byAddress(a);
    }

    private static InetAddress byAddress(byte[] a) {
        try {
            InetAddress r = InetAddress.getByAddress(a);
            return r instanceof Inet6Address ? InetAddress.getByAddress(null, a) : r;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
