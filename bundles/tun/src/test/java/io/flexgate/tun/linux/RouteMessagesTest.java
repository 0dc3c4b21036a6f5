package io.flexgate.tun.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flexgate.api.net.IpPrefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rtnetlink route requests against the bytes iproute2 6.1.0 sends for the same commands (captured with
 * {@code strace -e trace=sendmsg -e write=3 ip route replace|del ...} on Linux 6.18 x86_64, interface index 2,
 * sequence number 0x6b0b4c50), and the kernel's acknowledgements (struct nlmsgerr, linux/netlink.h).
 * Netlink is host byte order: these vectors are little endian.
 */
class RouteMessagesTest {

    private static final int SEQ = 0x6b0b4c50;
    private static final int IF_INDEX = 2;
    private static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "vectors captured on a little-endian host");
    }

    @Test
    void replaceOfAnIpv4HostRouteIsWhatIpRouteReplaceSends() {
        // ip route replace 192.168.10.5/32 dev h8tun
        String iproute2 = "2c000000" + "1800" + "0505" + "504c0b6b" + "00000000" // RTM_NEWROUTE, REQUEST|ACK|REPLACE|CREATE
                + "02200000" + "fe03fd01" + "00000000" // inet /32, main, proto boot, scope link, unicast
                + "08000100" + "c0a80a05" // RTA_DST
                + "08000400" + "02000000"; // RTA_OIF
        assertThat(HEX.formatHex(RouteMessages.replace(SEQ, IpPrefix.parse("192.168.10.5/32"), IF_INDEX)))
                .isEqualTo(iproute2);
    }

    @Test
    void deleteOfAnIpv4HostRouteIsWhatIpRouteDelSends() {
        // ip route del 192.168.10.5/32 dev h8tun
        String iproute2 = "2c000000" + "1900" + "0500" + "504c0b6b" + "00000000" // RTM_DELROUTE, REQUEST|ACK
                + "02200000" + "fe00ff00" + "00000000" // main table; protocol, scope (nowhere) and type open
                + "08000100" + "c0a80a05"
                + "08000400" + "02000000";
        assertThat(HEX.formatHex(RouteMessages.delete(SEQ, IpPrefix.parse("192.168.10.5/32"), IF_INDEX)))
                .isEqualTo(iproute2);
    }

    @Test
    void replaceOfAnIpv6HostRouteIsWhatIpRouteReplaceSends() {
        // ip -6 route replace fd00:10::5/128 dev h8tun
        String iproute2 = "38000000" + "1800" + "0505" + "504c0b6b" + "00000000"
                + "0a800000" + "fe030001" + "00000000" // inet6 /128, main, proto boot, scope universe, unicast
                + "14000100" + "fd000010000000000000000000000005"
                + "08000400" + "02000000";
        assertThat(HEX.formatHex(RouteMessages.replace(SEQ, IpPrefix.parse("fd00:10::5/128"), IF_INDEX)))
                .isEqualTo(iproute2);
    }

    @Test
    void aShorterPrefixCarriesItsLengthAndNetwork() {
        byte[] m = RouteMessages.replace(1, IpPrefix.parse("10.1.0.0/16"), 7);
        assertThat(m[17]).as("rtm_dst_len").isEqualTo((byte) 16);
        assertThat(HEX.formatHex(m, 32, 36)).as("RTA_DST").isEqualTo("0a010000");
        assertThat(ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).getInt(40)).as("RTA_OIF").isEqualTo(7);
    }

    @Test
    void anAcknowledgementIsErrnoZero() {
        assertThat(RouteMessages.acknowledgement(ack(SEQ, 0), SEQ)).hasValue(0);
    }

    @Test
    void anErrorCarriesThePositiveErrno() {
        assertThat(RouteMessages.acknowledgement(ack(SEQ, -LibC.EPERM), SEQ)).hasValue(LibC.EPERM);
        assertThat(RouteMessages.acknowledgement(ack(SEQ, -LibC.ESRCH), SEQ)).hasValue(LibC.ESRCH);
    }

    @Test
    void anAnswerToAnotherRequestIsSkipped() {
        assertThat(RouteMessages.acknowledgement(ack(SEQ - 1, 0), SEQ)).isEmpty();
    }

    @Test
    void aLaterAnswerInTheSameDatagramIsFound() {
        ByteBuffer two = ByteBuffer.allocate(72);
        two.put(ack(SEQ - 1, 0)).put(ack(SEQ, -LibC.ENODEV)).flip();
        assertThat(RouteMessages.acknowledgement(two, SEQ)).hasValue(LibC.ENODEV);
    }

    @Test
    void aLengthBeyondTheDatagramIsRejected() {
        ByteBuffer good = ack(SEQ, 0);
        ByteBuffer corrupt = ByteBuffer.allocate(good.remaining()).put(good).flip();
        corrupt.order(ByteOrder.LITTLE_ENDIAN).putInt(0, 37);
        assertThatThrownBy(() -> RouteMessages.acknowledgement(corrupt, SEQ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 37");
        corrupt.putInt(0, 8);
        assertThatThrownBy(() -> RouteMessages.acknowledgement(corrupt, SEQ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 8");
    }

    /** NLMSG_ERROR: header, int error, then the request's header (the kernel echoes it without payload). */
    private static ByteBuffer ack(int seq, int error) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(36).putShort(RouteMessages.NLMSG_ERROR).putShort((short) 0x100).putInt(seq).putInt(4242);
        b.putInt(error);
        b.putInt(44).putShort(RouteMessages.RTM_NEWROUTE).putShort((short) 0x505).putInt(seq).putInt(0);
        return b.flip();
    }
}
