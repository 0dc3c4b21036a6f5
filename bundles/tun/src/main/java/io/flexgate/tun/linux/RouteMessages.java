package io.flexgate.tun.linux;

import io.flexgate.api.net.IpPrefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * rtnetlink route requests and the kernel's acknowledgements, as bytes (linux/netlink.h, linux/rtnetlink.h;
 * rtnetlink(7)). Netlink is in host byte order, which on the x86_64 and aarch64 Linux this runs on is little
 * endian; the messages are those iproute2 sends for {@code ip route replace|del PREFIX dev DEVICE}.
 *
 * <pre>
 * struct nlmsghdr { u32 len; u16 type; u16 flags; u32 seq; u32 pid; }                        16 octets
 * struct rtmsg { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; } 12 octets
 * struct rtattr { u16 len; u16 type; } + value, padded to 4                                 RTA_DST, RTA_OIF
 * </pre>
 */
final class RouteMessages {

    static final int NLMSG_HEADER = 16;
    static final int RTMSG = 12;
    static final int RTA_HEADER = 4;
    /** {@code struct nlmsgerr}: int error, then the request's header. */
    static final int NLMSGERR_ERROR = 4;

    static final short NLMSG_ERROR = 2;
    static final short NLMSG_DONE = 3;
    static final short RTM_NEWROUTE = 24;
    static final short RTM_DELROUTE = 25;

    static final short NLM_F_REQUEST = 0x1;
    static final short NLM_F_ACK = 0x4;
    static final short NLM_F_REPLACE = 0x100;
    static final short NLM_F_CREATE = 0x400;

    static final byte AF_INET = 2;
    static final byte AF_INET6 = 10;
    static final byte RT_TABLE_MAIN = (byte) 254;
    static final byte RTPROT_UNSPEC = 0;
    /** What iproute2 marks routes added by hand with (its default {@code proto boot}). */
    static final byte RTPROT_BOOT = 3;
    static final byte RT_SCOPE_UNIVERSE = 0;
    static final byte RT_SCOPE_LINK = (byte) 253;
    static final byte RT_SCOPE_NOWHERE = (byte) 255;
    static final byte RTN_UNSPEC = 0;
    static final byte RTN_UNICAST = 1;
    static final short RTA_DST = 1;
    static final short RTA_OIF = 4;

    private RouteMessages() {
    }

    /**
     * {@code ip route replace PREFIX dev IFINDEX}: a unicast route in the main table, scope link for IPv4 (no
     * gateway), created or replaced.
     */
    static byte[] replace(int sequence, IpPrefix prefix, int ifIndex) {
        byte scope = prefix.isIpv4() ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        return route(RTM_NEWROUTE, (short) (NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE), sequence,
                prefix, ifIndex, RTPROT_BOOT, scope, RTN_UNICAST);
    }

    /** {@code ip route del PREFIX dev IFINDEX}: protocol, scope and type left open, as iproute2 leaves them. */
    static byte[] delete(int sequence, IpPrefix prefix, int ifIndex) {
        return route(RTM_DELROUTE, (short) (NLM_F_REQUEST | NLM_F_ACK), sequence, prefix, ifIndex, RTPROT_UNSPEC,
                RT_SCOPE_NOWHERE, RTN_UNSPEC);
    }

    private static byte[] route(short type, short flags, int sequence, IpPrefix prefix, int ifIndex, byte protocol,
            byte scope, byte routeType) {
        byte[] destination = prefix.network().getAddress();
        int length = NLMSG_HEADER + RTMSG + attributeLength(destination.length) + attributeLength(Integer.BYTES);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        b.putInt(length).putShort(type).putShort(flags).putInt(sequence).putInt(0);
        b.put(prefix.isIpv4() ? AF_INET : AF_INET6).put((byte) prefix.length()).put((byte) 0).put((byte) 0)
                .put(RT_TABLE_MAIN).put(protocol).put(scope).put(routeType).putInt(0);
        b.putShort((short) (RTA_HEADER + destination.length)).putShort(RTA_DST).put(destination);
        b.position(align(b.position()));
        b.putShort((short) (RTA_HEADER + Integer.BYTES)).putShort(RTA_OIF).putInt(ifIndex);
        return b.array();
    }

    private static int attributeLength(int valueLength) {
        return align(RTA_HEADER + valueLength);
    }

    /** NLMSG_ALIGN / RTA_ALIGN: 4 octets. */
    static int align(int length) {
        return (length + 3) & ~3;
    }

    /**
     * The outcome of the request numbered {@code sequence} in a datagram the kernel sent: the errno (0 for an
     * acknowledgement, positive otherwise), or empty when the datagram holds no answer to it.
     *
     * @throws IllegalArgumentException when a message's length field does not fit the datagram
     */
    static OptionalInt acknowledgement(ByteBuffer datagram, int sequence) {
        ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
        while (b.remaining() >= NLMSG_HEADER) {
            int start = b.position();
            int length = b.getInt(start);
            if (length < NLMSG_HEADER || length > b.remaining()) {
                throw new IllegalArgumentException("netlink message length " + length + " with " + b.remaining()
                        + " octets left");
            }
            short type = b.getShort(start + 4);
            int seq = b.getInt(start + 8);
            if (seq == sequence && type == NLMSG_ERROR) {
                if (length < NLMSG_HEADER + NLMSGERR_ERROR) {
                    throw new IllegalArgumentException("netlink error message of " + length + " octets");
                }
                return OptionalInt.of(-b.getInt(start + NLMSG_HEADER));
            }
            if (seq == sequence && type == NLMSG_DONE) {
                return OptionalInt.of(0);
            }
            b.position(Math.min(b.limit(), start + align(length)));
        }
        return OptionalInt.empty();
    }
}
