package io.flexgate.tun.packet;

import java.nio.ByteBuffer;

/**
 * The TCP checksum computed in full over pseudo-header and segment (RFC 9293 section 3.1, RFC 8200 section
 * 8.1 for IPv6), independent of {@link MssClamp}'s incremental update, for an IPv4 or IPv6 packet at index 0.
 */
public final class TcpChecksum {

    private TcpChecksum() {
    }

    public static boolean valid(ByteBuffer packet) {
        return sum(packet) == 0xffff;
    }

    public static void fix(ByteBuffer packet) {
        int tcp = tcpStart(packet);
        packet.putShort(tcp + 16, (short) 0);
        packet.putShort(tcp + 16, (short) ~sum(packet));
    }

    private static int tcpStart(ByteBuffer p) {
        return (p.get(0) & 0xf0) == 0x40 ? (p.get(0) & 0x0f) * 4 : 40;
    }

    private static int sum(ByteBuffer p) {
        boolean v4 = (p.get(0) & 0xf0) == 0x40;
        int tcp = tcpStart(p);
        int end = v4 ? p.getShort(2) & 0xffff : 40 + (p.getShort(4) & 0xffff);
        long sum = 0;
        int addressStart = v4 ? 12 : 8;
        int addressEnd = v4 ? 20 : 40;
        for (int i = addressStart; i < addressEnd; i += 2) {
            sum += p.getShort(i) & 0xffff;
        }
        sum += 6 + (end - tcp);
        for (int i = tcp; i < end; i += 2) {
            int hi = p.get(i) & 0xff;
            int lo = i + 1 < end ? p.get(i + 1) & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
