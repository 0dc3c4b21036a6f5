package io.flexgate.ikev2.message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Just enough pcap for the codec tests: reads the UDP datagrams to and from ports 500/4500 out of a
 * pcapng file with Ethernet frames (Enhanced Packet Blocks), and writes IPv4/UDP datagrams to a classic
 * pcap file with link type RAW for tshark.
 */
final class PcapFile {

    /** One UDP datagram: its ports and payload (the non-ESP marker on port 4500 already removed). */
    record Datagram(String source, int sourcePort, int destinationPort, byte[] payload) {
    }

    private static final int PCAPNG_SECTION = 0x0A0D0D0A;
    private static final int PCAPNG_ENHANCED_PACKET = 6;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int UDP = 17;
    private static final int LINKTYPE_RAW = 101;

    private PcapFile() {
    }

    /** The IKE datagrams of a little-endian pcapng capture of Ethernet frames, in capture order. */
    static List<Datagram> readIke(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != PCAPNG_SECTION || in.getInt(8) != 0x1A2B3C4D) {
            throw new IllegalArgumentException("not a little-endian pcapng file");
        }
        List<Datagram> datagrams = new ArrayList<>();
        int at = 0;
        while (at + 12 <= file.length) {
            int type = in.getInt(at);
            int length = in.getInt(at + 4);
            if (type == PCAPNG_ENHANCED_PACKET) {
                int captured = in.getInt(at + 20);
                udp(Arrays.copyOfRange(file, at + 28, at + 28 + captured), datagrams);
            }
            at += length;
        }
        return datagrams;
    }

    private static void udp(byte[] frame, List<Datagram> out) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        if (frame.length < 14 + 20 + 8 || (b.getShort(12) & 0xFFFF) != ETHERTYPE_IPV4 || (frame[14 + 9] & 0xFF) != UDP) {
            return;
        }
        int ipHeader = (frame[14] & 0x0F) * 4;
        int udpAt = 14 + ipHeader;
        int sport = b.getShort(udpAt) & 0xFFFF;
        int dport = b.getShort(udpAt + 2) & 0xFFFF;
        int udpLength = b.getShort(udpAt + 4) & 0xFFFF;
        byte[] payload = Arrays.copyOfRange(frame, udpAt + 8, udpAt + udpLength);
        String source = (frame[14 + 12] & 0xFF) + "." + (frame[14 + 13] & 0xFF) + "." + (frame[14 + 14] & 0xFF) + "."
                + (frame[14 + 15] & 0xFF);
        if (sport == 4500 || dport == 4500) {
            if (payload.length < 4 || payload[0] != 0 || payload[1] != 0 || payload[2] != 0 || payload[3] != 0) {
                return;
            }
            payload = Arrays.copyOfRange(payload, 4, payload.length);
        } else if (sport != 500 && dport != 500) {
            return;
        }
        out.add(new Datagram(source, sport, dport, payload));
    }

    /** A classic pcap of IPv4/UDP 500 -> 500 datagrams between 192.0.2.1 and 192.0.2.2 (RFC 5737). */
    static byte[] writeIke(List<byte[]> payloads) {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535)
                .putInt(LINKTYPE_RAW);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        int seconds = 1_795_887_356;
        for (byte[] p : payloads) {
            int total = 20 + 8 + p.length;
            ByteBuffer ip = ByteBuffer.allocate(total);
            ip.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) UDP).putShort((short) 0).put(new byte[] {(byte) 192, 0, 2, 1})
                    .put(new byte[] {(byte) 192, 0, 2, 2});
            ip.putShort(10, checksum(ip.array()));
            ip.putShort((short) 500).putShort((short) 500).putShort((short) (8 + p.length)).putShort((short) 0).put(p);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(seconds++).putInt(0).putInt(total).putInt(total);
            out.writeBytes(record.array());
            out.writeBytes(ip.array());
        }
        return out.toByteArray();
    }

    private static short checksum(byte[] packet) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((packet[i] & 0xFF) << 8) | (packet[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }
}
