package io.flexgate.tun.packet;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** IPv4 TCP segments for tests, with valid IP and TCP checksums (DF set, TTL 64, no IP options). */
public final class TcpSegments {

    public static final int ACK = 0x10;
    public static final int PSH = 0x08;
    public static final int SYN = 0x02;

    private TcpSegments() {
    }

    /** One segment; {@code options} is the raw TCP options (a multiple of four octets). */
    public static ByteBuffer segment(InetAddress src, InetAddress dst, int srcPort, int dstPort, long seq, long ack,
            int flags, byte[] options, byte[] payload) {
        int tcpLength = 20 + options.length + payload.length;
        ByteBuffer p = ByteBuffer.allocate(20 + tcpLength);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpLength)).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0)
                .put(src.getAddress()).put(dst.getAddress());
        p.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) (((20 + options.length) / 4) << 4)).put((byte) flags).putShort((short) 65_535)
                .putShort((short) 0).putShort((short) 0).put(options).put(payload);
        p.flip();
        p.putShort(10, (short) ~TcpGso.fold(TcpGso.sum(p, 0, 20, 0)));
        TcpChecksum.fix(p);
        return p;
    }

    /** {@code count} payload octets with a pattern that shows any reordering. */
    public static byte[] payload(int count, int salt) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (i * 7 + salt);
        }
        return b;
    }
}
