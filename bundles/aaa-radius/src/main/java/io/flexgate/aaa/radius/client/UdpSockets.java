package io.flexgate.aaa.radius.client;

import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The RADIUS UDP sockets: one event-loop thread each, datagrams copied to {@code byte[]} at the edge (the
 * control plane holds no reference-counted buffers), anything longer than a RADIUS packet dropped unread.
 */
public final class UdpSockets {

    private UdpSockets() {
    }

    /** A one-thread event loop group for one socket. */
    public static EventLoopGroup newGroup() {
        return new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    /**
     * Binds a socket whose datagrams go to {@code receiver} on the socket's thread; on failure the group is
     * shut down.
     */
    public static Channel bind(EventLoopGroup group, InetSocketAddress address,
            BiConsumer<InetSocketAddress, byte[]> receiver) throws InterruptedException {
        try {
            return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
                            if (msg.content().readableBytes() <= RadiusPacket.MAX_LENGTH) {
                                receiver.accept(msg.sender(), ByteBufUtil.getBytes(msg.content()));
                            }
                        }
                    }).bind(address).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** Closes the socket and stops its thread. */
    public static void close(Channel channel, EventLoopGroup group) {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
