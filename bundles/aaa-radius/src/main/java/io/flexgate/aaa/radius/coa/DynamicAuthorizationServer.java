package io.flexgate.aaa.radius.coa;

import io.flexgate.aaa.radius.client.UdpSockets;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusFormatException;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.flexgate.api.Secret;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOS {@code aaa server radius dynamic-author}: a UDP port (3799 by default, RFC 5176 section 3) that
 * takes Disconnect- and CoA-Requests from the configured clients only, verifies their Request
 * Authenticator (and Message-Authenticator when present) with the shared key, and answers each with a
 * signed ACK or NAK. Requests from other addresses, malformed or unverifiable ones are dropped and
 * logged, as RFC 5176 section 3.3 asks.
 */
public final class DynamicAuthorizationServer implements AutoCloseable {

    /** The IANA port for Dynamic Authorization (RFC 5176 section 3). */
    public static final int DEFAULT_PORT = 3799;

    private static final Logger LOG = LoggerFactory.getLogger(DynamicAuthorizationServer.class);

    private final Set<InetAddress> clients;
    private final Secret key;
    private final DisconnectHandler handler;
    private final EventLoopGroup group;
    private final Channel channel;

    public DynamicAuthorizationServer(InetSocketAddress bind, Set<InetAddress> clients, Secret key,
            DisconnectHandler handler) throws InterruptedException {
        this.clients = Set.copyOf(clients);
        this.key = key;
        this.handler = handler;
        this.group = UdpSockets.newGroup();
        this.channel = UdpSockets.bind(group, bind, this::received);
        LOG.info("radius dynamic-author on {} for clients {}", channel.localAddress(), clients);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    private void received(InetSocketAddress sender, byte[] datagram) {
        if (!clients.contains(sender.getAddress())) {
            LOG.warn("radius dynamic-author: request from {} dropped: not a configured client", sender);
            return;
        }
        RadiusPacket request;
        byte[] k = key.bytes();
        try {
            request = RadiusPacket.decode(datagram);
            if (!request.code().equals(RadiusCode.DISCONNECT_REQUEST) && !request.code().equals(RadiusCode.COA_REQUEST)) {
                throw new RadiusFormatException(request.code() + " is not a dynamic authorization request");
            }
            RadiusSecurity.verifyHashedRequest(request, k, false);
            RadiusPacket response = RadiusSecurity.signResponse(handler.answer(request), request.authenticator(), k);
            LOG.debug("radius dynamic-author: {} from {} answered {}", request, sender, response);
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(response.encode()), sender));
        } catch (RadiusFormatException e) {
            LOG.warn("radius dynamic-author: request from {} dropped: {}", sender, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("radius dynamic-author: request from {} failed", sender, e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    @Override
    public void close() {
        UdpSockets.close(channel, group);
    }
}
