package io.flexgate.tun.linux;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** ICMP echo packets for the TUN round trip (RFC 792, IPv4 header RFC 791). */
final class Icmp {

    private static final int IP_HEADER = 20;
    private static final int ECHO_REPLY = 0;
    private static final int ECHO_REQUEST = 8;
    private static final int PROTOCOL_ICMP = 1;
    private static final byte[] PAYLOAD = "flexgate tun round trip".getBytes(StandardCharsets.US_ASCII);

    private Icmp() {
    }

    static byte[] echoRequest(InetAddress source, InetAddress destination, int identifier, int sequence) {
        int length = IP_HEADER + 8 + PAYLOAD.length;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) 0x1234).putShort((short) 0x4000)
                .put((byte) 64).put((byte) PROTOCOL_ICMP).putShort((short) 0)
                .put(source.getAddress()).put(destination.getAddress());
        b.putShort(10, (short) ~sum(b.array(), 0, IP_HEADER));
        b.put((byte) ECHO_REQUEST).put((byte) 0).putShort((short) 0).putShort((short) identifier)
                .putShort((short) sequence).put(PAYLOAD);
        b.putShort(IP_HEADER + 2, (short) ~sum(b.array(), IP_HEADER, length));
        return b.array();
    }

    static boolean isEchoReply(byte[] p, int identifier) {
        return p.length >= IP_HEADER + 8 && (p[0] & 0xf0) == 0x40 && p[9] == PROTOCOL_ICMP
                && p[IP_HEADER] == ECHO_REPLY && (ByteBuffer.wrap(p).getShort(IP_HEADER + 4) & 0xffff) == identifier;
    }

    static boolean checksumValid(byte[] p) {
        return sum(p, 0, IP_HEADER) == 0xffff && sum(p, IP_HEADER, p.length) == 0xffff;
    }

    static InetAddress source(byte[] p) throws UnknownHostException {
        return InetAddress.getByAddress(Arrays.copyOfRange(p, 12, 16));
    }

    static InetAddress destination(byte[] p) throws UnknownHostException {
        return InetAddress.getByAddress(Arrays.copyOfRange(p, 16, 20));
    }

    /** RFC 1071 one's complement sum. */
    private static int sum(byte[] b, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i += 2) {
            s += ((b[i] & 0xff) << 8) | (i + 1 < to ? b[i + 1] & 0xff : 0);
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
