package io.flexgate.tun.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MssClampTest {

    /**
     * A real TCP SYN, 10.250.0.1:50832 -> 10.250.0.2:4433, read from a TUN device (MTU 1500) on Linux 6.18
     * after a connect() routed into it: MSS 1460, SACK permitted, timestamps, NOP, window scale 10.
     */
    private static final String KERNEL_SYN = "4500003c8eaf4000400696160afa00010afa0002"
            + "c6901151d989791e00000000a002faf0405d0000"
            + "020405b40402080a26f6a538000000000103030a";
    private static final int MSS_AT = 20 + 20 + 2;

    @Test
    void kernelSynIsClampedToMtuMinus40WithAValidChecksum() {
        ByteBuffer syn = ByteBuffer.wrap(hex(KERNEL_SYN));
        assertThat(TcpChecksum.valid(syn)).as("captured vector").isTrue();

        assertThat(MssClamp.clamp(syn, 1400)).isTrue();

        assertThat(syn.getShort(MSS_AT) & 0xffff).isEqualTo(1360);
        assertThat(TcpChecksum.valid(syn)).isTrue();
        assertThat(syn.position()).isZero();
        assertThat(syn.limit()).isEqualTo(60);
    }

    @Test
    void onlyTheMssAndTheChecksumChange() {
        byte[] before = hex(KERNEL_SYN);
        ByteBuffer syn = ByteBuffer.wrap(before.clone());
        MssClamp.clamp(syn, 1400);
        byte[] after = syn.array();
        for (int i = 0; i < before.length; i++) {
            boolean expectedToChange = i == MSS_AT || i == MSS_AT + 1 || i == 36 || i == 37;
            if (!expectedToChange) {
                assertThat(after[i]).as("byte %d", i).isEqualTo(before[i]);
            }
        }
    }

    @Test
    void mssAtAnOddOffsetKeepsTheChecksumValid() {
        // The same SYN with its options reordered: NOP first puts the MSS value at TCP offset 23.
        String options = "01" + "020405b4" + "0402" + "080a26f6a53800000000" + "03030a";
        ByteBuffer syn = ByteBuffer.wrap(hex(KERNEL_SYN.substring(0, 80) + options));
        TcpChecksum.fix(syn);

        assertThat(MssClamp.clamp(syn, 1400)).isTrue();

        assertThat(syn.getShort(MSS_AT + 1) & 0xffff).isEqualTo(1360);
        assertThat(TcpChecksum.valid(syn)).isTrue();
    }

    @Test
    void worksInADirectBufferAtAnOffset() {
        byte[] packet = hex(KERNEL_SYN);
        ByteBuffer buffer = ByteBuffer.allocateDirect(200);
        buffer.position(17).put(packet).flip().position(17);

        assertThat(MssClamp.clamp(buffer, 1280)).isTrue();

        assertThat(buffer.getShort(17 + MSS_AT) & 0xffff).isEqualTo(1240);
        assertThat(TcpChecksum.valid(buffer.slice())).isTrue();
    }

    @Test
    void aSmallerMssIsNeverRaised() {
        ByteBuffer syn = ByteBuffer.wrap(hex(KERNEL_SYN));
        assertThat(MssClamp.clamp(syn, 1500)).isFalse();
        assertThat(MssClamp.clamp(syn, 9000)).isFalse();
        assertThat(syn.array()).isEqualTo(hex(KERNEL_SYN));
    }

    @Test
    void segmentsWithoutSynAreLeftAlone() {
        byte[] ack = hex(KERNEL_SYN);
        ack[20 + 13] = 0x10;
        assertThat(MssClamp.clamp(ByteBuffer.wrap(ack), 1400)).isFalse();
        assertThat(ack[MSS_AT] & 0xff).isEqualTo(0x05);
    }

    @Test
    void corruptedSynsAreLeftAloneWithoutException() {
        byte[] good = hex(KERNEL_SYN);
        // Data offset 15 words: options run past the packet.
        byte[] longOffset = good.clone();
        longOffset[20 + 12] = (byte) 0xf0;
        // Option length 0 would loop forever if trusted.
        byte[] zeroLength = good.clone();
        zeroLength[20 + 20 + 1] = 0;
        // The IPv4 total length claims more than the buffer holds.
        byte[] shortBuffer = Arrays.copyOf(good, 50);
        // A later fragment carries no TCP header.
        byte[] fragment = good.clone();
        fragment[7] = 0x10;
        for (byte[] bad : new byte[][] {longOffset, zeroLength, shortBuffer, fragment, new byte[0], {0x45}}) {
            byte[] copy = bad.clone();
            assertThat(MssClamp.clamp(ByteBuffer.wrap(copy), 1400)).isFalse();
            assertThat(copy).isEqualTo(bad);
        }
    }

    @Test
    void ipv6SynIsClampedToMtuMinus60() {
        // fd00::1 -> fd00::2, the TCP part of the kernel SYN after a fixed IPv6 header.
        String tcp = KERNEL_SYN.substring(40);
        String header = "60000000" + "0028" + "06" + "40"
                + "fd000000000000000000000000000001" + "fd000000000000000000000000000002";
        ByteBuffer syn = ByteBuffer.wrap(hex(header + tcp));
        TcpChecksum.fix(syn);

        assertThat(MssClamp.clamp(syn, 1400)).isTrue();

        assertThat(syn.getShort(40 + 20 + 2) & 0xffff).isEqualTo(1340);
        assertThat(TcpChecksum.valid(syn)).isTrue();
    }

    @Test
    void incrementalUpdateMatchesRfc1624Section4Example() {
        // RFC 1624 section 4: HC = 0xDD2F, m = 0x5555 -> m' = 0x3285 gives HC' = 0x0000 by equation 3.
        assertThat(MssClamp.updateChecksum(0xdd2f, 0x5555, 0x3285)).isEqualTo(0x0000);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
