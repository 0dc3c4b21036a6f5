package io.flexgate.tun.packet;

import static io.flexgate.tun.packet.TcpSegments.ACK;
import static io.flexgate.tun.packet.TcpSegments.PSH;
import static io.flexgate.tun.packet.TcpSegments.SYN;
import static io.flexgate.tun.packet.TcpSegments.payload;
import static io.flexgate.tun.packet.TcpSegments.segment;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which segments {@link TcpGso} merges, and the packet and virtio header it writes for them. */
class TcpGsoTest {

    private static final InetAddress CLIENT = address(192, 168, 10, 5);
    private static final InetAddress SERVER = address(10, 0, 1, 10);
    private static final byte[] NO_OPTIONS = new byte[0];
    /** NOP, NOP, timestamps. */
    private static final byte[] TIMESTAMPS = {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2};
    private static final long SEQ = 0xffff_f000L;

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sizes.length} consecutive segments of one flow; the last with {@code lastFlags}. */
    private static ByteBuffer[] flow(byte[] options, int lastFlags, int... sizes) {
        ByteBuffer[] packets = new ByteBuffer[sizes.length];
        long seq = SEQ;
        for (int i = 0; i < sizes.length; i++) {
            int flags = i == sizes.length - 1 ? lastFlags : ACK;
            packets[i] = segment(CLIENT, SERVER, 40_000, 5201, seq, 77, flags, options, payload(sizes[i], i));
            seq += sizes[i];
        }
        return packets;
    }

    @Test
    void consecutiveSegmentsOfAFlowMergeIntoOneGsoPacket() {
        ByteBuffer[] packets = flow(TIMESTAMPS, ACK | PSH, 1348, 1348, 1348, 500);
        ByteArrayOutputStream payloads = new ByteArrayOutputStream();
        for (ByteBuffer p : packets) {
            payloads.write(p.array(), 20 + 32, p.remaining() - 52);
        }
        assertThat(TcpGso.run(packets, 0, packets.length, TcpGso.MAX_MERGED)).isEqualTo(4);

        ByteBuffer out = ByteBuffer.allocate(TcpGso.VNET_HDR + TcpGso.MAX_MERGED);
        TcpGso.write(packets, 0, 4, out);

        ByteBuffer header = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.get(0)).as("NEEDS_CSUM").isEqualTo((byte) 1);
        assertThat(header.get(1)).as("GSO_TCPV4").isEqualTo((byte) 1);
        assertThat(header.getShort(2)).as("hdr_len").isEqualTo((short) 52);
        assertThat(header.getShort(4)).as("gso_size").isEqualTo((short) 1348);
        assertThat(header.getShort(6)).as("csum_start").isEqualTo((short) 20);
        assertThat(header.getShort(8)).as("csum_offset").isEqualTo((short) 16);
        ByteBuffer merged = out.flip().position(TcpGso.VNET_HDR).slice();
        assertThat(merged.getShort(2) & 0xffff).isEqualTo(52 + 3 * 1348 + 500).isEqualTo(merged.remaining());
        assertThat(TcpGso.fold(TcpGso.sum(merged, 0, 20, 0))).as("IPv4 header checksum").isEqualTo(0xffff);
        assertThat(merged.getInt(24) & 0xffff_ffffL).as("the first segment's sequence number").isEqualTo(SEQ);
        assertThat(merged.get(33)).as("flags: ACK, and PSH from the last").isEqualTo((byte) (ACK | PSH));
        byte[] data = new byte[merged.remaining() - 52];
        merged.get(52, data);
        assertThat(data).isEqualTo(payloads.toByteArray());
        // The kernel completes the partial checksum; done here, it must give a valid TCP checksum.
        TcpGso.completeChecksum(merged, 20, 16);
        assertThat(TcpChecksum.valid(merged)).isTrue();
        assertThat(packets).allMatch(p -> !p.hasRemaining());
    }

    @Test
    void aShorterSegmentEndsTheRunAndTheRestStartAnother() {
        ByteBuffer[] packets = flow(NO_OPTIONS, ACK, 1000, 600, 1000, 1000);
        assertThat(TcpGso.run(packets, 0, 4, TcpGso.MAX_MERGED)).isEqualTo(2);
        assertThat(TcpGso.run(packets, 2, 4, TcpGso.MAX_MERGED)).isEqualTo(2);
    }

    @Test
    void aLongerSegmentOrAGapOrPshOrAnotherFlowIsNotMerged() {
        assertThat(TcpGso.run(flow(NO_OPTIONS, ACK, 1000, 1200), 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);
        assertThat(TcpGso.run(flow(NO_OPTIONS, ACK | PSH, 1000), 0, 1, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] gap = flow(NO_OPTIONS, ACK, 1000, 1000);
        gap[1] = segment(CLIENT, SERVER, 40_000, 5201, SEQ + 1001, 77, ACK, NO_OPTIONS, payload(1000, 1));
        assertThat(TcpGso.run(gap, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] pshFirst = flow(NO_OPTIONS, ACK, 1000, 1000);
        pshFirst[0] = segment(CLIENT, SERVER, 40_000, 5201, SEQ, 77, ACK | PSH, NO_OPTIONS, payload(1000, 0));
        assertThat(TcpGso.run(pshFirst, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] otherPort = flow(NO_OPTIONS, ACK, 1000, 1000);
        otherPort[1] = segment(CLIENT, SERVER, 40_001, 5201, SEQ + 1000, 77, ACK, NO_OPTIONS, payload(1000, 1));
        assertThat(TcpGso.run(otherPort, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] otherAck = flow(NO_OPTIONS, ACK, 1000, 1000);
        otherAck[1] = segment(CLIENT, SERVER, 40_000, 5201, SEQ + 1000, 78, ACK, NO_OPTIONS, payload(1000, 1));
        assertThat(TcpGso.run(otherAck, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] otherOptions = flow(TIMESTAMPS, ACK, 1000, 1000);
        byte[] later = TIMESTAMPS.clone();
        later[7] = 2;
        otherOptions[1] = segment(CLIENT, SERVER, 40_000, 5201, SEQ + 1000, 77, ACK, later, payload(1000, 1));
        assertThat(TcpGso.run(otherOptions, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] syn = flow(NO_OPTIONS, ACK, 1000, 1000);
        syn[0] = segment(CLIENT, SERVER, 40_000, 5201, SEQ, 77, SYN | ACK, NO_OPTIONS, payload(1000, 0));
        assertThat(TcpGso.run(syn, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);
    }

    @Test
    void aSegmentWithABadChecksumIsWrittenAlone() {
        ByteBuffer[] packets = flow(NO_OPTIONS, ACK, 1000, 1000, 1000);
        packets[1].put(100, (byte) (packets[1].get(100) ^ 1));
        assertThat(TcpGso.run(packets, 0, 3, TcpGso.MAX_MERGED)).isEqualTo(1);
        assertThat(TcpGso.run(packets, 1, 3, TcpGso.MAX_MERGED)).isEqualTo(1);
    }

    @Test
    void pureAcksFragmentsAndOtherProtocolsAreNotMerged() {
        ByteBuffer[] acks = flow(NO_OPTIONS, ACK, 0, 0);
        assertThat(TcpGso.run(acks, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] fragment = flow(NO_OPTIONS, ACK, 1000, 1000);
        fragment[0].putShort(6, (short) 0x2000);
        assertThat(TcpGso.run(fragment, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);

        ByteBuffer[] udp = flow(NO_OPTIONS, ACK, 1000, 1000);
        udp[0].put(9, (byte) 17);
        assertThat(TcpGso.run(udp, 0, 2, TcpGso.MAX_MERGED)).isEqualTo(1);
    }

    @Test
    void theMergedLengthStaysWithinTheBound() {
        int[] sizes = new int[60];
        java.util.Arrays.fill(sizes, 1400);
        ByteBuffer[] packets = flow(NO_OPTIONS, ACK, sizes);
        int run = TcpGso.run(packets, 0, packets.length, TcpGso.MAX_MERGED);
        assertThat(40 + run * 1400).isLessThanOrEqualTo(TcpGso.MAX_MERGED);
        assertThat(40 + (run + 1) * 1400).isGreaterThan(TcpGso.MAX_MERGED);
        assertThat(TcpGso.run(packets, 0, packets.length, 40 + 3 * 1400)).isEqualTo(3);
    }

    @Test
    void aPacketThatIsNotMergedIsWrittenAsItCameBehindAnEmptyHeader() {
        ByteBuffer[] packets = flow(NO_OPTIONS, ACK | PSH, 700);
        byte[] before = packets[0].array().clone();
        ByteBuffer out = ByteBuffer.allocate(TcpGso.VNET_HDR + 1000);
        TcpGso.write(packets, 0, 1, out);
        List<Byte> header = new ArrayList<>();
        for (int i = 0; i < TcpGso.VNET_HDR; i++) {
            header.add(out.get(i));
        }
        assertThat(header).containsOnly((byte) 0);
        byte[] written = new byte[out.position() - TcpGso.VNET_HDR];
        out.get(TcpGso.VNET_HDR, written);
        assertThat(written).isEqualTo(before);
    }

    @Test
    void aGsoPacketIsCutBackIntoTheSegmentsItWasMadeOf() {
        ByteBuffer[] packets = flow(TIMESTAMPS, ACK | PSH, 1348, 1348, 1348, 500);
        List<byte[]> originals = new ArrayList<>();
        for (ByteBuffer p : packets) {
            originals.add(p.array().clone());
        }
        ByteBuffer out = ByteBuffer.allocate(TcpGso.VNET_HDR + TcpGso.MAX_MERGED);
        TcpGso.write(packets, 0, 4, out);
        ByteBuffer gso = out.flip().position(TcpGso.VNET_HDR).slice();

        assertThat(TcpGso.segments(gso, 1348)).isEqualTo(4);
        assertThat(TcpGso.headers(gso)).isEqualTo(52);
        for (int i = 0; i < 4; i++) {
            ByteBuffer segment = ByteBuffer.allocate(1500);
            int length = TcpGso.segment(gso, 1348, i, segment);
            byte[] expected = originals.get(i);
            assertThat(length).isEqualTo(expected.length).isEqualTo(segment.position());
            segment.flip();
            assertThat(segment.getShort(4) & 0xffff).as("IP identification").isEqualTo(0x1234 + i);
            assertThat(TcpGso.fold(TcpGso.sum(segment, 0, 20, 0))).as("IPv4 header checksum").isEqualTo(0xffff);
            assertThat(TcpChecksum.valid(segment)).as("TCP checksum of segment %d", i).isTrue();
            byte[] got = new byte[length];
            segment.get(0, got);
            // All but the identification and the header checksum, which follows from it.
            for (int at : new int[] {4, 5, 10, 11}) {
                got[at] = expected[at];
            }
            assertThat(got).as("segment %d", i).isEqualTo(expected);
        }
    }

    @Test
    void cuttingKeepsFinAndPshForTheLastSegmentAndCwrForTheFirst() {
        int cwr = 0x80;
        int fin = 0x01;
        ByteBuffer gso = segment(CLIENT, SERVER, 40_000, 5201, SEQ, 77, ACK | PSH | fin | cwr, NO_OPTIONS,
                payload(2500, 0));
        assertThat(TcpGso.segments(gso, 1000)).isEqualTo(3);
        int[] flags = new int[3];
        long[] seqs = new long[3];
        for (int i = 0; i < 3; i++) {
            ByteBuffer s = ByteBuffer.allocate(1500);
            TcpGso.segment(gso, 1000, i, s);
            flags[i] = s.get(33) & 0xff;
            seqs[i] = s.getInt(24) & 0xffff_ffffL;
            assertThat(TcpChecksum.valid(s.flip())).isTrue();
        }
        assertThat(flags).containsExactly(ACK | cwr, ACK, ACK | PSH | fin);
        assertThat(seqs).containsExactly(SEQ, (SEQ + 1000) & 0xffff_ffffL, (SEQ + 2000) & 0xffff_ffffL);
        assertThat(TcpGso.segments(gso, 0)).isZero();
        assertThat(TcpGso.segments(flow(NO_OPTIONS, ACK, 0)[0], 1000)).as("no payload").isZero();
    }

    @Test
    void aGsoPacketWithIpOptionsIsCutWithTheOptionsInEverySegment() {
        ByteBuffer plain = segment(CLIENT, SERVER, 40_000, 5201, SEQ, 77, ACK | PSH, NO_OPTIONS, payload(2500, 0));
        ByteBuffer gso = ByteBuffer.allocate(plain.remaining() + 4);
        gso.put(plain.duplicate().limit(20)).put(new byte[] {1, 1, 1, 0}).put(plain.duplicate().position(20)).flip();
        gso.put(0, (byte) 0x46).putShort(2, (short) gso.remaining()).putShort(10, (short) 0);
        gso.putShort(10, (short) ~TcpGso.fold(TcpGso.sum(gso, 0, 24, 0)));

        assertThat(TcpGso.segments(gso, 1000)).isEqualTo(3);
        assertThat(TcpGso.headers(gso)).isEqualTo(44);
        for (int i = 0; i < 3; i++) {
            ByteBuffer s = ByteBuffer.allocate(1500);
            int length = TcpGso.segment(gso, 1000, i, s);
            s.flip();
            assertThat(length).isEqualTo(44 + (i < 2 ? 1000 : 500));
            assertThat(s.get(0)).isEqualTo((byte) 0x46);
            assertThat(s.getInt(20)).as("the options").isEqualTo(0x01010100);
            assertThat(TcpGso.fold(TcpGso.sum(s, 0, 24, 0))).as("IPv4 header checksum").isEqualTo(0xffff);
            assertThat(TcpChecksum.valid(s)).as("TCP checksum of segment %d", i).isTrue();
        }
    }

    @Test
    void aZeroUdpChecksumIsSentAsAllOnes() {
        // The completed sum over this UDP segment is zero: RFC 768 sends it as 0xffff.
        ByteBuffer udp = ByteBuffer.allocate(8);
        udp.putShort(0, (short) 0xffff).putShort(2, (short) 0).putShort(4, (short) 0).putShort(6, (short) 0);
        TcpGso.completeChecksum(udp, 0, 6);
        assertThat(udp.getShort(6) & 0xffff).isEqualTo(0xffff);
    }

    @Test
    void aPartialChecksumIsCompleted() {
        ByteBuffer p = flow(NO_OPTIONS, ACK, 999)[0];
        // As the kernel leaves it: the pseudo-header sum in the checksum field.
        long pseudo = (p.getInt(12) & 0xffff_ffffL) + (p.getInt(16) & 0xffff_ffffL) + 6 + (p.remaining() - 20);
        p.putShort(36, (short) TcpGso.fold(pseudo));
        assertThat(TcpChecksum.valid(p)).isFalse();
        TcpGso.completeChecksum(p, 20, 16);
        assertThat(TcpChecksum.valid(p)).isTrue();
    }
}
