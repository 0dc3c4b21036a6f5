package io.flexgate.ikev2.transport;

import io.flexgate.api.dataplane.DataPlane;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IKE over UDP (Netty, native epoll where available): one socket on the IKE port and one on the NAT-T port
 * (RFC 7296 section 2.23, RFC 3948). IKE messages are copied to {@code byte[]} at this edge and handed to
 * the engine with both addresses; ESP packets arriving on the NAT-T port go to the data plane as they are;
 * NAT keepalives are dropped here.
 */
public final class UdpIkeTransport implements IkeTransport, DataPlane.EspTransport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpIkeTransport.class);

    /** Largest datagram read; IKE messages above it are fragmented by peers (RFC 7383). */
    public static final int MAX_DATAGRAM = 65_535;

    private final EventLoopGroup group;
    private final Channel ikeChannel;
    private final Channel natTChannel;
    private final InetSocketAddress ikeAddress;
    private final InetSocketAddress natTAddress;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Binds both sockets.
     *
     * @param ikeAddress  where IKE listens (port 500, or 0 for an ephemeral port in tests)
     * @param natTAddress where NAT-T listens (port 4500, or 0)
     * @param ike         receives every IKE message, on a Netty thread; must not block
     * @param dataPlane   the data plane for ESP in UDP, looked up per packet (it may come and go)
     * @throws IllegalStateException when a port cannot be bound, naming the address
     */
    public UdpIkeTransport(InetSocketAddress ikeAddress, InetSocketAddress natTAddress, Consumer<Datagram> ike,
            Supplier<DataPlane> dataPlane) {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        // An IPv4 address gets an IPv4 socket: a dual-stack one would report peers as ::ffff:a.b.c.d, and the
        // NAT detection hashes (RFC 7296 section 2.23) must be computed over the 4-octet address.
        SocketProtocolFamily family = ikeAddress.getAddress() instanceof java.net.Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6;
        Bootstrap b = new Bootstrap().group(group);
        if (epoll) {
            // The original destination of each datagram: our real address even when bound to the wildcard.
            b.channelFactory(() -> new EpollDatagramChannel(family)).option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
        } else {
            b.channelFactory(() -> new NioDatagramChannel(family));
        }
        try {
            ikeChannel = b.clone().handler(new Receiver(false, ike, dataPlane)).bind(ikeAddress).sync().channel();
            natTChannel = b.clone().handler(new Receiver(true, ike, dataPlane)).bind(natTAddress).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully();
            throw new IllegalStateException("cannot bind IKE sockets " + ikeAddress + " and " + natTAddress + ": "
                    + e.getMessage(), e);
        }
        this.ikeAddress = (InetSocketAddress) ikeChannel.localAddress();
        this.natTAddress = (InetSocketAddress) natTChannel.localAddress();
        LOG.info("IKE listening on {} and NAT-T on {} ({})", this.ikeAddress, this.natTAddress,
                epoll ? "epoll" : "nio: " + Epoll.unavailabilityCause());
    }

    /** The bound IKE address (with the real port when 0 was asked). */
    public InetSocketAddress ikeAddress() {
        return ikeAddress;
    }

    /** The bound NAT-T address. */
    public InetSocketAddress natTAddress() {
        return natTAddress;
    }

    /** Datagrams dropped because a socket was closed or not writable. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public boolean send(Datagram datagram) {
        boolean natT = datagram.local().getPort() == natTAddress.getPort();
        Channel ch = natT ? natTChannel : ikeChannel;
        byte[] data = datagram.data();
        ByteBuf buf = natT ? Unpooled.wrappedBuffer(new byte[NatTraversalFraming.NON_ESP_MARKER_LENGTH], data)
                : Unpooled.wrappedBuffer(data);
        return write(ch, new DatagramPacket(buf, datagram.remote()));
    }

    @Override
    public boolean send(ByteBuffer espPacket, InetSocketAddress local, InetSocketAddress remote) {
        return write(natTChannel, new DatagramPacket(Unpooled.copiedBuffer(espPacket), remote));
    }

    private boolean write(Channel ch, DatagramPacket packet) {
        if (!ch.isActive() || !ch.isWritable()) {
            packet.release();
            dropped.incrementAndGet();
            return false;
        }
        ch.writeAndFlush(packet, ch.voidPromise());
        return true;
    }

    @Override
    public void close() {
        for (Channel ch : List.of(ikeChannel, natTChannel)) {
            ch.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @ChannelHandler.Sharable
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean natT;
        private final Consumer<Datagram> ike;
        private final Supplier<DataPlane> dataPlane;

        Receiver(boolean natT, Consumer<Datagram> ike, Supplier<DataPlane> dataPlane) {
            this.natT = natT;
            this.ike = ike;
            this.dataPlane = dataPlane;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            InetSocketAddress local = packet.recipient() != null ? packet.recipient()
                    : (InetSocketAddress) ctx.channel().localAddress();
            int length = content.readableBytes();
            if (natT) {
                int first4 = length >= 4 ? content.getInt(content.readerIndex()) : -1;
                int firstByte = length >= 1 ? content.getUnsignedByte(content.readerIndex()) : -1;
                switch (NatTraversalFraming.classify(first4, firstByte, length)) {
                    case KEEPALIVE, MALFORMED:
                        return;
                    case ESP:
                        DataPlane dp = dataPlane.get();
                        if (dp != null) {
                            dp.receiveEncapsulated(content.nioBuffer(), packet.sender(), local);
                        }
                        return;
                    case IKE:
                        content.skipBytes(NatTraversalFraming.NON_ESP_MARKER_LENGTH);
                        break;
                    default:
                        return;
                }
            }
            byte[] data = new byte[content.readableBytes()];
            content.readBytes(data);
            ike.accept(new Datagram(data, local, packet.sender()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("IKE socket {}: {}", ctx.channel().localAddress(), cause.toString());
        }
    }
}
