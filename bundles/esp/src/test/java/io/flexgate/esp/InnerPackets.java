package io.flexgate.esp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Inner IP packets for tests: UDP in IPv4 or IPv6 with a recognisable payload. */
final class InnerPackets {

    private InnerPackets() {
    }

    /** An IPv4/UDP packet of {@code total} octets (at least 28). */
    static byte[] ipv4(String src, String dst, int total) {
        byte[] p = new byte[total];
        p[0] = 0x45;
        Octets.putInt(p, 0, 0x4500_0000 | total);
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(address(src), 0, p, 12, 4);
        System.arraycopy(address(dst), 0, p, 16, 4);
        fill(p, 28);
        return p;
    }

    /** An IPv6/UDP packet of {@code total} octets (at least 48). */
    static byte[] ipv6(String src, String dst, int total) {
        byte[] p = new byte[total];
        p[0] = 0x60;
        p[4] = (byte) ((total - 40) >>> 8);
        p[5] = (byte) (total - 40);
        p[6] = 17;
        p[7] = 64;
        System.arraycopy(address(src), 0, p, 8, 16);
        System.arraycopy(address(dst), 0, p, 24, 16);
        fill(p, 48);
        return p;
    }

    private static void fill(byte[] p, int from) {
        for (int i = from; i < p.length; i++) {
            p[i] = (byte) (i * 7);
        }
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
