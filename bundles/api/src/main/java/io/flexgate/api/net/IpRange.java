package io.flexgate.api.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An inclusive range of addresses of one family, as in {@code ip local pool NAME FIRST LAST}. Immutable.
 *
 * @param first the first address
 * @param last  the last address, not below {@code first}
 */
public record IpRange(InetAddress first, InetAddress last) {

    public IpRange {
        if (first.getAddress().length != last.getAddress().length) {
            throw new IllegalArgumentException("range mixes IPv4 and IPv6: " + first.getHostAddress() + " "
                    + last.getHostAddress());
        }
        if (toNumber(first).compareTo(toNumber(last)) > 0) {
            throw new IllegalArgumentException("range end " + last.getHostAddress() + " is below its start "
                    + first.getHostAddress());
        }
    }

    /** Number of addresses in the range. */
    public BigInteger size() {
        return toNumber(last).subtract(toNumber(first)).add(BigInteger.ONE);
    }

    public boolean contains(InetAddress address) {
        if (address.getAddress().length != first.getAddress().length) {
            return false;
        }
        BigInteger n = toNumber(address);
        return n.compareTo(toNumber(first)) >= 0 && n.compareTo(toNumber(last)) <= 0;
    }

    /** True when the two ranges share at least one address. */
    public boolean overlaps(IpRange other) {
        return first.getAddress().length == other.first.getAddress().length
                && toNumber(first).compareTo(toNumber(other.last)) <= 0
                && toNumber(other.first).compareTo(toNumber(last)) <= 0;
    }

    /** The address {@code offset} places after {@code first}. */
    public InetAddress addressAt(BigInteger offset) {
        if (offset.signum() < 0 || offset.compareTo(size()) >= 0) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside " + this);
        }
        return fromNumber(toNumber(first).add(offset), first.getAddress().length);
    }

    /** Offset of {@code address} from {@code first}. */
    public BigInteger offsetOf(InetAddress address) {
        return toNumber(address).subtract(toNumber(first));
    }

    @Override
    public String toString() {
        return first.getHostAddress() + " " + last.getHostAddress();
    }

    private static BigInteger toNumber(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress fromNumber(BigInteger n, int bytes) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
