package io.flexgate.aaa.radius.client;

import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusFormatException;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A RADIUS client on one UDP socket (Netty, one event-loop thread that owns all state: no locks). Each
 * request goes to the servers in order: every server gets the request and its retransmissions (same
 * identifier and authenticator, RFC 5080 section 2.2.1) until its timeout ends, then the next server gets
 * a freshly built request. A server that never answered is skipped for its dead time.
 *
 * <p>The identifier space is this socket's (RFC 5080 section 2.1.1): at most {@code maxOutstanding}
 * requests (up to 256) are in flight; more complete at once with {@link Exchange.NoAnswer}, so a slow
 * server cannot make the gateway queue without bound. A response is accepted only from the address the
 * request went to, with the identifier outstanding, of a code that answers the request, and with verified
 * Response Authenticator and Message-Authenticator (required on Access-Accept, -Reject and -Challenge).
 * Anything else is discarded and logged at DEBUG, and the client keeps waiting.
 */
public final class RadiusClient implements AutoCloseable {

    /** One octet of identifier. */
    public static final int IDENTIFIERS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(RadiusClient.class);

    /** Which port of a server a request goes to. */
    public enum Port {
        AUTHENTICATION, ACCOUNTING
    }

    private final String name;
    private final int maxOutstanding;
    private final Clock clock;
    private final SecureRandom random;
    private final EventLoopGroup group;
    private final Channel channel;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Map<String, Instant> deadUntil = new ConcurrentHashMap<>();
    private int nextIdentifier;
    private boolean closed;

    /**
     * Opens the socket.
     *
     * @param name           for the log (the server group's name)
     * @param source         local address to bind ({@code ip radius source-interface}); port 0 for any
     */
    public RadiusClient(String name, InetSocketAddress source, int maxOutstanding, Clock clock, SecureRandom random)
            throws InterruptedException {
        if (maxOutstanding < 1 || maxOutstanding > IDENTIFIERS) {
            throw new IllegalArgumentException("max outstanding must be 1.." + IDENTIFIERS + ", not " + maxOutstanding);
        }
        this.name = name;
        this.maxOutstanding = maxOutstanding;
        this.clock = clock;
        this.random = random;
        this.nextIdentifier = random.nextInt(IDENTIFIERS);
        this.group = UdpSockets.newGroup();
        this.channel = UdpSockets.bind(group, source, this::received);
        LOG.info("radius group {}: client socket {}", name, channel.localAddress());
    }

    /** The socket's local address. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Sends a request to {@code servers} in order until one answers.
     *
     * @param servers the group's servers now (dead ones are skipped)
     */
    public CompletionStage<Exchange> send(List<RadiusServer> servers, Port port, RequestBuilder builder) {
        CompletableFuture<Exchange> result = new CompletableFuture<>();
        List<RadiusServer> list = List.copyOf(servers);
        try {
            channel.eventLoop().execute(() -> attempt(new Request(list, port, builder, result), 0, new ArrayList<>()));
        } catch (RejectedExecutionException e) {
            result.complete(new Exchange.NoAnswer("radius group " + name + ": client closed"));
        }
        return result;
    }

    /** Whether {@code server} is being skipped now. */
    public boolean isDead(RadiusServer server) {
        Instant until = deadUntil.get(server.name());
        return until != null && clock.instant().isBefore(until);
    }

    private record Request(List<RadiusServer> servers, Port port, RequestBuilder builder,
            CompletableFuture<Exchange> result) {
    }

    private static final class Pending {
        final Request request;
        final int serverIndex;
        final RadiusServer server;
        final InetSocketAddress destination;
        final RadiusPacket packet;
        final byte[] wire;
        final List<String> reasons;
        int retransmitsLeft;
        ScheduledFuture<?> timer;

        Pending(Request request, int serverIndex, InetSocketAddress destination, RadiusPacket packet,
                List<String> reasons) {
            this.request = request;
            this.serverIndex = serverIndex;
            this.server = request.servers.get(serverIndex);
            this.destination = destination;
            this.packet = packet;
            this.wire = packet.encode();
            this.reasons = reasons;
            this.retransmitsLeft = server.retransmit();
        }
    }

    /** Tries the server at {@code index} or the next live one after it; runs on the event loop. */
    private void attempt(Request request, int index, List<String> reasons) {
        int i = index;
        while (i < request.servers.size() && isDead(request.servers.get(i))) {
            reasons.add(request.servers.get(i).name() + ": dead");
            i++;
        }
        if (closed || i >= request.servers.size()) {
            String why = closed ? "client closed" : request.servers.isEmpty() ? "no server in the group"
                    : String.join("; ", reasons);
            request.result.complete(new Exchange.NoAnswer("radius group " + name + ": " + why));
            return;
        }
        if (pending.size() >= maxOutstanding) {
            request.result.complete(new Exchange.NoAnswer("radius group " + name + ": " + pending.size()
                    + " requests outstanding, the limit"));
            return;
        }
        int id = nextIdentifier;
        while (pending.containsKey(id)) {
            id = (id + 1) % IDENTIFIERS;
        }
        nextIdentifier = (id + 1) % IDENTIFIERS;
        RadiusServer server = request.servers.get(i);
        byte[] authenticator = new byte[RadiusPacket.AUTHENTICATOR_LENGTH];
        random.nextBytes(authenticator);
        byte[] key = server.key().bytes();
        RadiusPacket packet;
        try {
            packet = request.builder.build(id, authenticator, key);
            if (packet.identifier() != id) {
                throw new IllegalStateException("request built with identifier " + packet.identifier() + ", not " + id);
            }
        } catch (RuntimeException e) {
            request.result.completeExceptionally(e);
            return;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        InetSocketAddress destination = request.port == Port.ACCOUNTING ? server.acctAddress() : server.authAddress();
        Pending p = new Pending(request, i, destination, packet, reasons);
        pending.put(id, p);
        LOG.debug("radius group {}: {} to {}", name, packet, server);
        transmit(p);
    }

    private void transmit(Pending p) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(p.wire), p.destination));
        p.timer = channel.eventLoop().schedule(() -> timedOut(p), p.server.timeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void timedOut(Pending p) {
        if (pending.get(p.packet.identifier()) != p) {
            return;
        }
        if (p.retransmitsLeft > 0) {
            p.retransmitsLeft--;
            LOG.debug("radius group {}: retransmitting {} to {}", name, p.packet, p.server);
            transmit(p);
            return;
        }
        pending.remove(p.packet.identifier());
        p.reasons.add(p.server.name() + ": no answer after " + (p.server.retransmit() + 1) + " transmissions");
        if (!p.server.deadTime().isZero()) {
            deadUntil.put(p.server.name(), clock.instant().plus(p.server.deadTime()));
            LOG.warn("radius group {}: server {} did not answer, marked dead for {}", name, p.server,
                    p.server.deadTime());
        } else {
            LOG.warn("radius group {}: server {} did not answer", name, p.server);
        }
        attempt(p.request, p.serverIndex + 1, p.reasons);
    }

    /** Runs on the event loop. */
    private void received(InetSocketAddress sender, byte[] datagram) {
        RadiusPacket response;
        try {
            response = RadiusPacket.decode(datagram);
        } catch (RadiusFormatException e) {
            LOG.debug("radius group {}: malformed datagram from {} discarded: {}", name, sender, e.getMessage());
            return;
        }
        Pending p = pending.get(response.identifier());
        if (p == null || !p.destination.equals(sender)) {
            LOG.debug("radius group {}: {} from {} matches no request, discarded", name, response, sender);
            return;
        }
        if (!answers(p.packet.code(), response.code())) {
            LOG.debug("radius group {}: {} does not answer {}, discarded", name, response, p.packet);
            return;
        }
        byte[] key = p.server.key().bytes();
        try {
            RadiusSecurity.verifyResponse(response, p.packet.authenticator(), key, requiresMessageAuthenticator(
                    response.code()));
        } catch (RadiusFormatException e) {
            LOG.warn("radius group {}: response from {} discarded: {}", name, p.server, e.getMessage());
            return;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        pending.remove(response.identifier());
        p.timer.cancel(false);
        deadUntil.remove(p.server.name());
        LOG.debug("radius group {}: {} from {}", name, response, p.server);
        p.request.result.complete(new Exchange.Answered(p.server, p.packet, response));
    }

    static boolean answers(RadiusCode request, RadiusCode response) {
        return switch (request.value()) {
            case 1 -> response.equals(RadiusCode.ACCESS_ACCEPT) || response.equals(RadiusCode.ACCESS_REJECT)
                    || response.equals(RadiusCode.ACCESS_CHALLENGE);
            case 4 -> response.equals(RadiusCode.ACCOUNTING_RESPONSE);
            default -> false;
        };
    }

    /** CVE-2024-3596: every Access response must carry a verified Message-Authenticator. */
    static boolean requiresMessageAuthenticator(RadiusCode response) {
        return response.value() == 2 || response.value() == 3 || response.value() == 11;
    }

    /** Closes the socket; outstanding requests complete with {@link Exchange.NoAnswer}. */
    @Override
    public void close() {
        channel.eventLoop().execute(() -> {
            closed = true;
            for (Pending p : pending.values()) {
                p.timer.cancel(false);
                p.request.result.complete(new Exchange.NoAnswer("radius group " + name + ": client closed"));
            }
            pending.clear();
        });
        UdpSockets.close(channel, group);
    }
}
