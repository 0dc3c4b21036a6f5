package io.flexgate.tun.packet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Consecutive IPv4 TCP segments of one flow merged into one packet that a Linux TUN device with
 * {@code IFF_VNET_HDR} takes as a single write and the kernel splits again where it has to (GSO): the
 * segments of a batch then cross the kernel's forwarding path once instead of once each.
 *
 * <p>Segments merge under the rules of the kernel's own TCP GRO ({@code tcp_gro_receive}): IPv4 without
 * options and not fragmented, the same addresses, ports, TOS, TTL, DF bit, acknowledgement number, window and
 * TCP options; consecutive sequence numbers; every segment but the last exactly as long as the first (the
 * GSO size), the last no longer; flags ACK only, the last may add PSH; a payload in every segment; a valid TCP
 * checksum in every segment (a segment the sender damaged is written alone, so that the receiver still drops
 * it). Anything else is written as it came, with an empty header.
 *
 * <p>The header written before each packet is {@code struct virtio_net_hdr} (10 octets, little-endian, as the
 * TUN device reads it on x86_64 and aarch64). A merged packet carries {@code VIRTIO_NET_HDR_F_NEEDS_CSUM} and
 * {@code VIRTIO_NET_HDR_GSO_TCPV4}; its TCP checksum field holds the pseudo-header sum, which the kernel
 * completes per segment.
 */
public final class TcpGso {

    /** {@code sizeof(struct virtio_net_hdr)}. */
    public static final int VNET_HDR = 10;
    /** Offsets of the fields of {@code struct virtio_net_hdr} (u8 flags, u8 gso_type, then little-endian u16s). */
    public static final int HDR_FLAGS = 0;
    public static final int HDR_GSO_TYPE = 1;
    public static final int HDR_HDR_LEN = 2;
    public static final int HDR_GSO_SIZE = 4;
    public static final int HDR_CSUM_START = 6;
    public static final int HDR_CSUM_OFFSET = 8;
    /** The longest merged packet: the IPv4 total length field. */
    public static final int MAX_MERGED = 65_535;

    static final int IPV4_HEADER = 20;
    static final int PROTO_TCP = 6;
    static final int TCP_ACK = 0x10;
    static final int TCP_PSH = 0x08;
    static final int TCP_FIN = 0x01;
    static final int TCP_CWR = 0x80;
    /** {@code VIRTIO_NET_HDR_F_NEEDS_CSUM}: the checksum at csum_start + csum_offset is to be completed. */
    public static final int NEEDS_CSUM = 1;
    /** {@code VIRTIO_NET_HDR_GSO_TCPV4}: an IPv4 TCP packet to be cut into segments of gso_size. */
    public static final int GSO_TCPV4 = 1;
    /** The ECN bit of gso_type ({@code VIRTIO_NET_HDR_GSO_ECN}). */
    public static final int GSO_ECN = 0x80;
    /** Offset of the checksum field in the TCP header. */
    static final int TCP_CHECKSUM = 16;
    /** Offset of the checksum field in the UDP header. */
    static final int UDP_CHECKSUM = 6;

    private TcpGso() {
    }

    /**
     * How many packets from {@code packets[from]} on (before {@code end}) merge into one, 1 when that packet
     * cannot lead a merge. The merged packet is at most {@code maxLength} octets long.
     */
    public static int run(ByteBuffer[] packets, int from, int end, int maxLength) {
        ByteBuffer first = packets[from];
        int doff = leadTcpHeader(first);
        if (doff < 0 || from + 1 >= end) {
            return 1;
        }
        int p0 = first.position();
        int mss = first.remaining() - IPV4_HEADER - doff;
        int length = first.remaining();
        long expectedSeq = (first.getInt(p0 + IPV4_HEADER + 4) & 0xffff_ffffL) + mss;
        int n = 1;
        for (int i = from + 1; i < end; i++) {
            ByteBuffer p = packets[i];
            int payload = follows(first, doff, p, expectedSeq);
            if (payload < 0 || payload > mss || length + payload > maxLength) {
                break;
            }
            length += payload;
            expectedSeq = (expectedSeq + payload) & 0xffff_ffffL;
            n++;
            int flags = p.get(p.position() + IPV4_HEADER + 13) & 0xff;
            if (payload < mss || flags != TCP_ACK) {
                break;
            }
        }
        return n;
    }

    /**
     * Writes the virtio header and the packet merged from {@code packets[from .. from + run)} at {@code out}'s
     * position (which moves past them); {@code run} as {@link #run} returned it. With {@code run == 1}, the
     * packet as it is behind an empty header. Each packet's position moves to its limit.
     */
    public static void write(ByteBuffer[] packets, int from, int run, ByteBuffer out) {
        if (run == 1) {
            plainHeader(out);
            out.put(packets[from]);
            return;
        }
        ByteBuffer first = packets[from];
        int p0 = first.position();
        int doff = (first.get(p0 + IPV4_HEADER + 12) & 0xf0) >>> 2;
        int headers = IPV4_HEADER + doff;
        int mss = first.remaining() - headers;
        int start = out.position();
        int ip = start + VNET_HDR;
        out.position(ip);
        out.put(first.duplicate().limit(p0 + headers));
        int total = headers;
        int lastFlags = TCP_ACK;
        for (int i = from; i < from + run; i++) {
            ByteBuffer p = packets[i];
            int pos = p.position();
            out.put(p.duplicate().position(pos + headers));
            total += p.remaining() - headers;
            lastFlags = p.get(pos + IPV4_HEADER + 13) & 0xff;
            p.position(p.limit());
        }
        int tcp = ip + IPV4_HEADER;
        out.putShort(ip + 2, (short) total);
        out.putShort(ip + 10, (short) 0);
        out.putShort(ip + 10, (short) ~fold(sum(out, ip, IPV4_HEADER, 0)));
        out.put(tcp + 13, (byte) (TCP_ACK | (lastFlags & TCP_PSH)));
        long pseudo = pseudoHeader(out, ip, total - IPV4_HEADER);
        out.putShort(tcp + TCP_CHECKSUM, (short) fold(pseudo));
        ByteBuffer header = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        header.put(start + HDR_FLAGS, (byte) NEEDS_CSUM);
        header.put(start + HDR_GSO_TYPE, (byte) GSO_TCPV4);
        header.putShort(start + HDR_HDR_LEN, (short) headers);
        header.putShort(start + HDR_GSO_SIZE, (short) mss);
        header.putShort(start + HDR_CSUM_START, (short) IPV4_HEADER);
        header.putShort(start + HDR_CSUM_OFFSET, (short) TCP_CHECKSUM);
    }

    /** An empty virtio header: no checksum to complete, no segmentation. */
    public static void plainHeader(ByteBuffer out) {
        for (int i = 0; i < VNET_HDR; i++) {
            out.put((byte) 0);
        }
    }

    /**
     * Completes a checksum left partial ({@link #NEEDS_CSUM}): the field at {@code start + offset} (from the
     * packet's position) holds the pseudo-header sum, and the sum over {@code start} to the packet's limit,
     * complemented, replaces it. A UDP checksum that comes out as zero is sent as all ones (RFC 768).
     */
    public static void completeChecksum(ByteBuffer packet, int start, int offset) {
        int from = packet.position() + start;
        int at = from + offset;
        if (start < 0 || at + 2 > packet.limit()) {
            return;
        }
        int checksum = ~fold(sum(packet, from, packet.limit() - from, 0)) & 0xffff;
        if (checksum == 0 && offset == UDP_CHECKSUM) {
            checksum = 0xffff;
        }
        packet.putShort(at, (short) checksum);
    }

    /**
     * The number of segments a GSO packet from the kernel ({@link #GSO_TCPV4}, IPv4 TCP from the position of
     * {@code gso} to its limit) is cut into, each at most {@code gsoSize} octets of payload; 0 when it is no
     * IPv4 TCP packet with a payload that this class can cut.
     */
    public static int segments(ByteBuffer gso, int gsoSize) {
        int pos = gso.position();
        int len = gso.remaining();
        if (gsoSize <= 0 || len < IPV4_HEADER + 20 || (gso.get(pos) & 0xf0) != 0x40
                || (gso.get(pos + 9) & 0xff) != PROTO_TCP || (gso.getShort(pos + 6) & 0x3fff) != 0) {
            return 0;
        }
        int ihl = (gso.get(pos) & 0x0f) * 4;
        if (ihl < IPV4_HEADER || ihl + 20 > len) {
            return 0;
        }
        int headers = headers(gso);
        if (headers < ihl + 20 || headers >= len) {
            return 0;
        }
        return (len - headers + gsoSize - 1) / gsoSize;
    }

    /** The IPv4 and TCP header length of a packet that {@link #segments} accepted. */
    public static int headers(ByteBuffer gso) {
        int pos = gso.position();
        int ihl = (gso.get(pos) & 0x0f) * 4;
        return ihl + ((gso.get(pos + ihl + 12) & 0xf0) >>> 2);
    }

    /**
     * Writes segment {@code index} (from 0, below {@link #segments}) of a GSO packet at {@code out}'s position:
     * the headers of the GSO packet (IP options included) with the segment's total length, IP identification
     * (the first one's plus {@code index}) and header checksum, sequence number, flags (CWR on the first segment
     * only, FIN and PSH on the last only) and a complete TCP checksum; then its share of the payload. Returns its
     * length.
     */
    public static int segment(ByteBuffer gso, int gsoSize, int index, ByteBuffer out) {
        int pos = gso.position();
        int len = gso.remaining();
        int ihl = (gso.get(pos) & 0x0f) * 4;
        int headers = headers(gso);
        int count = (len - headers + gsoSize - 1) / gsoSize;
        int from = headers + index * gsoSize;
        int payload = Math.min(gsoSize, len - from);
        int ip = out.position();
        int tcp = ip + ihl;
        out.put(gso.duplicate().limit(pos + headers));
        out.put(gso.duplicate().position(pos + from).limit(pos + from + payload));
        int total = headers + payload;
        out.putShort(ip + 2, (short) total);
        out.putShort(ip + 4, (short) (gso.getShort(pos + 4) + index));
        out.putShort(ip + 10, (short) 0);
        out.putShort(ip + 10, (short) ~fold(sum(out, ip, ihl, 0)));
        out.putInt(tcp + 4, gso.getInt(pos + ihl + 4) + index * gsoSize);
        int flags = gso.get(pos + ihl + 13) & 0xff;
        if (index > 0) {
            flags &= ~TCP_CWR;
        }
        if (index < count - 1) {
            flags &= ~(TCP_FIN | TCP_PSH);
        }
        out.put(tcp + 13, (byte) flags);
        out.putShort(tcp + TCP_CHECKSUM, (short) 0);
        long pseudo = pseudoHeader(out, ip, total - ihl);
        out.putShort(tcp + TCP_CHECKSUM, (short) ~fold(sum(out, tcp, total - ihl, pseudo)));
        return total;
    }

    /**
     * The TCP header length of a packet that may lead a merge (IPv4, no options, not fragmented, TCP with
     * a payload, flags ACK only, a valid checksum), or -1.
     */
    private static int leadTcpHeader(ByteBuffer p) {
        int doff = segmentTcpHeader(p);
        if (doff < 0 || (p.get(p.position() + IPV4_HEADER + 13) & 0xff) != TCP_ACK) {
            return -1;
        }
        return doff;
    }

    /** The TCP header length of an IPv4 TCP segment with a payload and a valid checksum, or -1. */
    private static int segmentTcpHeader(ByteBuffer p) {
        int pos = p.position();
        int len = p.remaining();
        if (len < IPV4_HEADER + 20 || (p.get(pos) & 0xff) != 0x45
                || (p.getShort(pos + 2) & 0xffff) != len
                || (p.getShort(pos + 6) & 0x3fff) != 0
                || (p.get(pos + 9) & 0xff) != PROTO_TCP) {
            return -1;
        }
        int doff = (p.get(pos + IPV4_HEADER + 12) & 0xf0) >>> 2;
        if (doff < 20 || IPV4_HEADER + doff >= len) {
            return -1;
        }
        long s = pseudoHeader(p, pos, len - IPV4_HEADER);
        if (fold(sum(p, pos + IPV4_HEADER, len - IPV4_HEADER, s)) != 0xffff) {
            return -1;
        }
        return doff;
    }

    /**
     * The payload length of {@code p} when it continues {@code first}'s flow at {@code expectedSeq} with the
     * same headers (but sequence number, flags, checksum and length), or -1.
     */
    private static int follows(ByteBuffer first, int doff, ByteBuffer p, long expectedSeq) {
        if (segmentTcpHeader(p) != doff) {
            return -1;
        }
        int a = first.position();
        int b = p.position();
        int flags = p.get(b + IPV4_HEADER + 13) & 0xff;
        if ((flags & ~TCP_PSH) != TCP_ACK
                || first.get(a + 1) != p.get(b + 1)                            // TOS
                || (first.getShort(a + 6) & 0x4000) != (p.getShort(b + 6) & 0x4000) // DF
                || first.get(a + 8) != p.get(b + 8)                            // TTL
                || first.getLong(a + 12) != p.getLong(b + 12)                  // addresses
                || first.getInt(a + IPV4_HEADER) != p.getInt(b + IPV4_HEADER)  // ports
                || (p.getInt(b + IPV4_HEADER + 4) & 0xffff_ffffL) != expectedSeq
                || first.getInt(a + IPV4_HEADER + 8) != p.getInt(b + IPV4_HEADER + 8)     // ack
                || first.getShort(a + IPV4_HEADER + 14) != p.getShort(b + IPV4_HEADER + 14) // window
                || first.getShort(a + IPV4_HEADER + 18) != p.getShort(b + IPV4_HEADER + 18)) { // urgent
            return -1;
        }
        for (int i = 20; i < doff; i++) {
            if (first.get(a + IPV4_HEADER + i) != p.get(b + IPV4_HEADER + i)) {
                return -1;
            }
        }
        return p.remaining() - IPV4_HEADER - doff;
    }

    /** The unfolded sum of the IPv4 pseudo-header of a TCP segment of {@code tcpLength} octets. */
    private static long pseudoHeader(ByteBuffer b, int ip, int tcpLength) {
        return (b.getInt(ip + 12) & 0xffff_ffffL) + (b.getInt(ip + 16) & 0xffff_ffffL) + PROTO_TCP + tcpLength;
    }

    /** Adds {@code length} octets from {@code offset} as 16-bit big-endian words to {@code sum}, unfolded. */
    static long sum(ByteBuffer b, int offset, int length, long sum) {
        int i = offset;
        int end = offset + length;
        while (i + 8 <= end) {
            long w = b.getLong(i);
            sum += (w >>> 32) + (w & 0xffff_ffffL);
            i += 8;
        }
        if (i + 4 <= end) {
            sum += b.getInt(i) & 0xffff_ffffL;
            i += 4;
        }
        if (i + 2 <= end) {
            sum += b.getShort(i) & 0xffff;
            i += 2;
        }
        if (i < end) {
            sum += (b.get(i) & 0xff) << 8;
        }
        return sum;
    }

    /** Folds a sum of 32-bit or 16-bit words to 16 bits (one's complement, RFC 1071). */
    static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
