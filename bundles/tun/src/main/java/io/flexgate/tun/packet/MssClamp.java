package io.flexgate.tun.packet;

import java.nio.ByteBuffer;

/**
 * TCP MSS clamping ({@code ip tcp adjust-mss}) for the SYN segments that cross a tunnel interface, so that
 * neither end sends segments that do not fit into the tunnel MTU after encapsulation.
 *
 * <p>Works in place on the packet between the buffer's position and limit, with absolute gets and puts:
 * no allocation, heap and direct buffers alike. Only the MSS option (RFC 9293 section 3.7.1, kind 2,
 * length 4) of a SYN is lowered, never raised, and the TCP checksum is updated incrementally as RFC 1624
 * section 3 prescribes ({@code HC' = ~(~HC + ~m + m')}), so nothing else in the packet is read twice.
 * Anything that is not a well-formed first fragment of an IPv4 or IPv6 TCP SYN is left alone.
 */
public final class MssClamp {

    /** IPv4 header (20) plus TCP header (20) without options: MSS = MTU - 40 (RFC 9293 section 3.7.1). */
    public static final int IPV4_OVERHEAD = 40;
    /** IPv6 header (40) plus TCP header (20): MSS = MTU - 60 (RFC 8200 section 8.3). */
    public static final int IPV6_OVERHEAD = 60;

    private static final int IPV4_MIN_HEADER = 20;
    private static final int IPV6_HEADER = 40;
    private static final int TCP_MIN_HEADER = 20;
    private static final int PROTOCOL_TCP = 6;
    private static final int TCP_FLAG_SYN = 0x02;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_MSS = 2;
    private static final int OPTION_MSS_LENGTH = 4;
    private static final int TCP_CHECKSUM_OFFSET = 16;

    private MssClamp() {
    }

    /**
     * Lowers the MSS option of an IPv4 or IPv6 TCP SYN to what {@code mtu} allows.
     *
     * @return true when the packet was changed
     */
    public static boolean clamp(ByteBuffer packet, int mtu) {
        int start = packet.position();
        int end = packet.limit();
        if (end - start < 1) {
            return false;
        }
        int version = (packet.get(start) & 0xff) >>> 4;
        if (version == 4) {
            return clampIpv4(packet, start, end, mtu - IPV4_OVERHEAD);
        }
        if (version == 6) {
            return clampIpv6(packet, start, end, mtu - IPV6_OVERHEAD);
        }
        return false;
    }

    private static boolean clampIpv4(ByteBuffer p, int start, int end, int maxMss) {
        if (end - start < IPV4_MIN_HEADER) {
            return false;
        }
        int headerLength = (p.get(start) & 0x0f) * 4;
        int totalLength = p.getShort(start + 2) & 0xffff;
        int fragmentOffset = p.getShort(start + 6) & 0x1fff;
        if (headerLength < IPV4_MIN_HEADER || totalLength > end - start || fragmentOffset != 0
                || (p.get(start + 9) & 0xff) != PROTOCOL_TCP) {
            return false;
        }
        return clampTcp(p, start + headerLength, start + totalLength, maxMss);
    }

    private static boolean clampIpv6(ByteBuffer p, int start, int end, int maxMss) {
        if (end - start < IPV6_HEADER) {
            return false;
        }
        // Only TCP directly after the fixed header; SYNs behind extension headers are rare and left alone.
        int payloadLength = p.getShort(start + 4) & 0xffff;
        if ((p.get(start + 6) & 0xff) != PROTOCOL_TCP || IPV6_HEADER + payloadLength > end - start) {
            return false;
        }
        return clampTcp(p, start + IPV6_HEADER, start + IPV6_HEADER + payloadLength, maxMss);
    }

    private static boolean clampTcp(ByteBuffer p, int tcp, int end, int maxMss) {
        if (end - tcp < TCP_MIN_HEADER || (p.get(tcp + 13) & TCP_FLAG_SYN) == 0 || maxMss <= 0) {
            return false;
        }
        int dataOffset = ((p.get(tcp + 12) & 0xff) >>> 4) * 4;
        if (dataOffset < TCP_MIN_HEADER || tcp + dataOffset > end) {
            return false;
        }
        int i = tcp + TCP_MIN_HEADER;
        int optionsEnd = tcp + dataOffset;
        while (i < optionsEnd) {
            int kind = p.get(i) & 0xff;
            if (kind == OPTION_END) {
                return false;
            }
            if (kind == OPTION_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= optionsEnd) {
                return false;
            }
            int length = p.get(i + 1) & 0xff;
            if (length < 2 || i + length > optionsEnd) {
                return false;
            }
            if (kind == OPTION_MSS && length == OPTION_MSS_LENGTH) {
                return lower(p, tcp, i + 2, maxMss);
            }
            i += length;
        }
        return false;
    }

    private static boolean lower(ByteBuffer p, int tcp, int at, int maxMss) {
        int old = p.getShort(at) & 0xffff;
        if (old <= maxMss) {
            return false;
        }
        p.putShort(at, (short) maxMss);
        // The checksum sums 16-bit words from the TCP header on; an MSS value at an odd offset straddles two
        // words, and its contribution is then the byte-swapped value (RFC 1071 section 2(B)).
        boolean odd = ((at - tcp) & 1) != 0;
        int before = odd ? swap(old) : old;
        int after = odd ? swap(maxMss) : maxMss;
        int checksumAt = tcp + TCP_CHECKSUM_OFFSET;
        int checksum = p.getShort(checksumAt) & 0xffff;
        p.putShort(checksumAt, (short) updateChecksum(checksum, before, after));
        return true;
    }

    /** RFC 1624 equation 3: {@code HC' = ~(~HC + ~m + m')} in 16-bit one's complement arithmetic. */
    static int updateChecksum(int checksum, int oldWord, int newWord) {
        int sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + newWord;
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        return ~sum & 0xffff;
    }

    private static int swap(int word) {
        return ((word & 0xff) << 8) | (word >>> 8);
    }
}
