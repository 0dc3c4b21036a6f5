package io.flexgate.ikev2.engine;

import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.FragmentReassembler;
import io.flexgate.ikev2.message.IkeDecodeException;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.transport.Datagram;
import io.flexgate.ikev2.transport.IkeTransport;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IKEv2 responder: receives datagrams, finds (or creates) the IKE SA, and runs each SA's exchanges on its
 * serial executor. The exchanges themselves live in {@link SaInitExchange}, {@link AuthExchange} and
 * {@link InformationalExchange}; this class owns the SA table, message IDs and retransmissions (RFC 7296
 * sections 2.1 to 2.3).
 */
public final class Responder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    final Settings settings;
    final EngineServices services;
    final CryptoSuite suite;
    final SkCipherFactory cipherFactory;
    final Clock clock;
    final SecureRandom random;
    final Cookies cookies;
    final HalfOpenLimiter halfOpen;
    final VirtualAccessNumbers virtualAccess = new VirtualAccessNumbers();
    final SessionTable sessions;
    final ChildSaInstaller childSas;

    private final IkeTransport transport;
    private final SerialExecutors executors;
    private final Map<Long, IkeSa> byResponderSpi = new ConcurrentHashMap<>();
    /** Half-open SAs by the initiator's SPI and address, to answer a retransmitted IKE_SA_INIT (section 2.1). */
    private final Map<HalfOpenKey, IkeSa> byInitiator = new ConcurrentHashMap<>();
    /**
     * IKE_SA_INITs whose SA completed IKE_AUTH lately, with the instant until which a copy of that request is
     * ignored: a copy delayed in the network, or retransmitted by a peer that missed our answer and has moved on,
     * would otherwise start a new SA and cost a DH (RFC 7296 section 2.1 lets the responder ignore it).
     */
    private final Map<HalfOpenKey, Instant> recentlyEstablished = new ConcurrentHashMap<>();
    /** How long a completed IKE_SA_INIT is remembered: longer than initiators retransmit it. */
    static final Duration LATE_COPY_WINDOW = Duration.ofSeconds(120);
    /** Size above which an insertion sweeps the expired entries, at most once a second (bounded memory and work). */
    private static final int LATE_COPY_SWEEP = 4096;
    /** When the next sweep of {@link #recentlyEstablished} may run; racy between executors, which is harmless. */
    private volatile Instant nextLateCopySweep = Instant.MIN;
    private final AtomicLong sessionIds = new AtomicLong();
    private final SaInitExchange saInit;
    private final AuthExchange auth;
    private final InformationalExchange informational;
    private final CreateChildSaExchange createChildSa;
    private final java.util.concurrent.ScheduledExecutorService timer;

    record HalfOpenKey(long initiatorSpi, InetSocketAddress remote) {
    }

    /**
     * The transport for a responder built before its sockets (the sockets deliver to the responder): datagrams
     * sent before {@link #set} are dropped, as on a closed socket.
     */
    public static final class TransportHolder implements IkeTransport {
        private volatile IkeTransport transport;

        public void set(IkeTransport t) {
            this.transport = t;
        }

        @Override
        public boolean send(Datagram datagram) {
            IkeTransport t = transport;
            return t != null && t.send(datagram);
        }
    }

    public Responder(Settings settings, EngineServices services, IkeTransport transport, CryptoSuite suite, Clock clock,
            SecureRandom random, SerialExecutors executors) {
        this.settings = settings;
        this.services = services;
        this.transport = transport;
        this.suite = suite;
        this.cipherFactory = new SkCipherFactory(suite, random);
        this.clock = clock;
        this.random = random;
        this.executors = executors;
        this.cookies = new Cookies(clock, random);
        this.halfOpen = new HalfOpenLimiter(settings.cookieThreshold(), settings.halfOpenPerSource(),
                settings.halfOpenLimit());
        this.sessions = new SessionTable(this);
        this.childSas = new ChildSaInstaller(this);
        this.saInit = new SaInitExchange(this);
        this.auth = new AuthExchange(this);
        this.informational = new InformationalExchange(this);
        this.createChildSa = new CreateChildSaExchange(this);
        this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "flexgate-ike-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** The read-only session view for the shell. */
    public SessionTable sessions() {
        return sessions;
    }

    /**
     * Compiles the cookie front ahead of a flood: runs its pure part {@code rounds} times on a made-up request,
     * sending nothing and counting nothing (see {@link SaInitExchange#warmUp}). For a background thread at start.
     *
     * @return the rounds done
     */
    public int warmUpCookieFront(int rounds) {
        return saInit.warmUp(rounds);
    }

    /** Entry point from the transport (a Netty thread): never blocks, never throws. */
    public void receive(Datagram datagram) {
        IkeHeader header;
        try {
            header = IkeMessageCodec.decodeHeader(datagram.data());
        } catch (IkeDecodeException e) {
            LOG.debug("dropped datagram from {}: {}", datagram.remote(), e.getMessage());
            return;
        }
        if (header.exchangeType().equals(ExchangeType.IKE_SA_INIT) && !header.response()
                && header.responderSpi() == 0) {
            HalfOpenKey key = new HalfOpenKey(header.initiatorSpi(), datagram.remote());
            IkeSa existing = byInitiator.get(key);
            if (existing != null) {
                executors.execute(existing.responderSpi, () -> retransmit(existing));
                return;
            }
            Instant until = recentlyEstablished.get(key);
            if (until != null && clock.instant().isBefore(until)) {
                LOG.debug("IKE_SA_INIT {} from {}: a copy of a request whose SA is established, ignored",
                        Long.toHexString(header.initiatorSpi()), datagram.remote());
                return;
            }
            // Cookies and half-open limits are decided here, on the receiving thread: a flood is answered or
            // dropped without ever queueing work for the SA executors (RFC 7296 section 2.6).
            java.util.Optional<IkeMessage> admitted = saInit.admit(datagram, header);
            if (admitted.isEmpty()) {
                return;
            }
            if (!executors.execute(header.initiatorSpi(), () -> {
                IkeSa raced = byInitiator.get(key);
                if (raced != null) {
                    // A retransmission admitted before the first copy registered its SA.
                    halfOpen.release(datagram.remote().getAddress());
                    retransmit(raced);
                } else {
                    saInit.handle(datagram, header, admitted.get());
                }
            })) {
                halfOpen.release(datagram.remote().getAddress());
                LOG.warn("IKE_SA_INIT from {} dropped: engine queue full", datagram.remote());
            }
            return;
        }
        // Our SPI is the responder's, unless the peer is not the original initiator (we rekeyed the IKE SA).
        long ours = header.initiator() ? header.responderSpi() : header.initiatorSpi();
        long theirs = header.initiator() ? header.initiatorSpi() : header.responderSpi();
        IkeSa sa = byResponderSpi.get(ours);
        if (sa == null || sa.remoteSpi() != theirs || sa.weInitiated == header.initiator()) {
            LOG.debug("{} from {} for unknown IKE SA {}: dropped", header.exchangeType(), datagram.remote(),
                    Long.toHexString(ours));
            return;
        }
        if (!executors.execute(sa.localSpi(), () -> onSaMessage(sa, datagram, header))) {
            LOG.warn("{} message dropped: engine queue full", sa.logId());
        }
    }

    /** On the SA's executor. */
    private void onSaMessage(IkeSa sa, Datagram datagram, IkeHeader header) {
        if (byResponderSpi.get(sa.localSpi()) != sa) {
            return; // deleted while the message waited
        }
        if (header.response()) {
            if (header.exchangeType().equals(ExchangeType.CREATE_CHILD_SA)) {
                createChildSa.onResponse(sa, datagram, header);
            } else {
                informational.onResponse(sa, datagram, header);
            }
            return;
        }
        if (header.messageId() == sa.lastResponseId) {
            retransmit(sa);
            return;
        }
        if (header.messageId() != sa.expectedRequestId || sa.pendingRequestId == header.messageId()) {
            LOG.debug("{} request with message ID {} dropped (expected {})", sa.logId(), header.messageId(),
                    sa.expectedRequestId);
            return;
        }
        DecodeResult result = IkeMessageCodec.decode(datagram.data(), sa.ciphers.inbound(), sa.reassembler);
        if (result instanceof DecodeResult.Ok ok) {
            sa.lastInbound = clock.instant();
            InetSocketAddress before = sa.natRemote();
            sa.currentLocal = datagram.local();
            sa.currentRemote = datagram.remote();
            if (!datagram.remote().equals(before)) {
                followPeer(sa, before);
            }
            IkeMessage message = ok.message();
            LOG.info("{}:Received {}", sa.logId(), message.summary());
            PacketTrace.received(sa, message, datagram);
            if (header.exchangeType().equals(ExchangeType.IKE_AUTH)) {
                auth.handle(sa, message, datagram);
            } else if (header.exchangeType().equals(ExchangeType.INFORMATIONAL)) {
                informational.handle(sa, message, datagram);
            } else if (header.exchangeType().equals(ExchangeType.CREATE_CHILD_SA)) {
                createChildSa.handle(sa, message, datagram);
            } else {
                LOG.info("{}:{} is not supported: dropped", sa.logId(), header.exchangeType());
            }
        } else if (result instanceof DecodeResult.Partial p) {
            LOG.debug("{}:fragment {}/{} of message {}", sa.logId(), p.received(), p.total(), header.messageId());
        } else if (result instanceof DecodeResult.ProtectedError e) {
            LOG.info("{}:malformed {} request {}: {}; answering {}", sa.logId(), header.exchangeType(),
                    header.messageId(), e.error().getMessage(), e.error().notifyType());
            respond(sa, datagram, header, List.of(new NotifyPayload(io.flexgate.ikev2.message.ProtocolId.NONE,
                    io.flexgate.ikev2.message.Bytes.EMPTY, e.error().notifyType(), e.error().notifyData())));
        } else if (result instanceof DecodeResult.IntegrityFailure f) {
            LOG.info("{}:message {} failed its integrity check, dropped: {}", sa.logId(), header.messageId(),
                    f.reason());
        } else if (result instanceof DecodeResult.UnprotectedError e) {
            LOG.debug("{}:dropped undecodable message: {}", sa.logId(), e.error().getMessage());
        }
    }

    /**
     * An authenticated request came from a new address or port (the peer's NAT mapping changed): as the side not
     * behind a NAT we follow it, the IKE SA above and its CHILD_SAs here (RFC 7296 section 2.23, RFC 3948
     * section 2.2). On the SA's executor.
     */
    private void followPeer(IkeSa sa, InetSocketAddress before) {
        if (sa.childDataPlane == null || sa.children.isEmpty()) {
            return; // NAT-T floating to 4500 during IKE_AUTH: nothing installed yet
        }
        LOG.info("{}:peer moved from {} to {}; its CHILD_SAs follow", sa.logId(), before, sa.natRemote());
        for (IkeSa.ChildSa child : sa.children) {
            if (!sa.childDataPlane.updateEndpoints(child.inboundSpi(), sa.natLocal(), sa.natRemote())) {
                LOG.warn("{}:the data plane did not move CHILD_SA {}: its ESP still goes to {}", sa.logId(),
                        Integer.toHexString(child.inboundSpi()), before);
            }
        }
    }

    /**
     * Sends an encrypted response to the request in {@code request} and remembers it for retransmission.
     * Called on the SA's executor.
     */
    void respond(IkeSa sa, Datagram request, IkeHeader requestHeader, List<IkePayload> payloads) {
        IkeMessage response = new IkeMessage(IkeHeader.of(sa.initiatorSpi, sa.responderSpi,
                requestHeader.exchangeType(), sa.weInitiated, true, requestHeader.messageId()), true, payloads);
        List<byte[]> encoded = sa.peerSupportsFragmentation
                ? IkeMessageCodec.encodeFragmented(response, sa.ciphers.outbound(), settings.fragmentationMtu())
                : List.of(IkeMessageCodec.encode(response, sa.ciphers.outbound()));
        List<Datagram> datagrams = new ArrayList<>(encoded.size());
        for (byte[] e : encoded) {
            datagrams.add(new Datagram(e, request.local(), request.remote()));
        }
        sa.lastResponseId = requestHeader.messageId();
        sa.lastResponse = List.copyOf(datagrams);
        sa.expectedRequestId = requestHeader.messageId() + 1;
        LOG.info("{}:Sending {}{}", sa.logId(), response.summary(),
                datagrams.size() > 1 ? " in " + datagrams.size() + " fragments" : "");
        PacketTrace.sent(sa, response, datagrams);
        datagrams.forEach(transport::send);
    }

    /** Sends a datagram as is (IKE_SA_INIT responses, our own requests). */
    void send(Datagram datagram) {
        transport.send(datagram);
    }

    private void retransmit(IkeSa sa) {
        LOG.debug("{}:retransmitting response {}", sa.logId(), sa.lastResponseId);
        sa.lastResponse.forEach(transport::send);
    }

    long nextSessionId() {
        return sessionIds.incrementAndGet();
    }

    /** A new SPI of ours (responder's, or initiator's for an IKE SA rekey we start), never 0 and never in use. */
    long newResponderSpi() {
        long spi;
        do {
            spi = random.nextLong();
        } while (spi == 0 || byResponderSpi.containsKey(spi));
        return spi;
    }

    void register(IkeSa sa, long initiatorSpiKey) {
        byResponderSpi.put(sa.responderSpi, sa);
        byInitiator.put(new HalfOpenKey(initiatorSpiKey, sa.remote), sa);
        sa.reassembler = new FragmentReassembler(clock);
        executors.forSpi(sa.responderSpi); // the SA's stripe from now on
    }

    /**
     * Registers the IKE SA made by rekeying an established one (RFC 7296 section 2.18): it is never half-open.
     * Called on the old SA's executor before the response that tells the peer the new SPIs is sent.
     */
    void adopt(IkeSa successor) {
        successor.reassembler = new FragmentReassembler(clock);
        byResponderSpi.put(successor.localSpi(), successor);
    }

    /** IKE_AUTH is done: copies of the SA's IKE_SA_INIT arriving from now on are ignored for a while. */
    void established(IkeSa sa) {
        Instant now = clock.instant();
        if (recentlyEstablished.size() >= LATE_COPY_SWEEP && !now.isBefore(nextLateCopySweep)) {
            nextLateCopySweep = now.plusSeconds(1);
            recentlyEstablished.values().removeIf(until -> !now.isBefore(until));
        }
        recentlyEstablished.put(new HalfOpenKey(sa.initiatorSpi, sa.remote), now.plus(LATE_COPY_WINDOW));
        leaveHalfOpen(sa);
    }

    /** The half-open phase is over (IKE_AUTH done or SA gone): the SA no longer counts against the limits. */
    void leaveHalfOpen(IkeSa sa) {
        if (byInitiator.remove(new HalfOpenKey(sa.initiatorSpi, sa.remote), sa)) {
            halfOpen.release(sa.remote.getAddress());
        }
    }

    /** Removes an SA: data plane, lease, listeners, keys. Called on the SA's executor. */
    void remove(IkeSa sa, DownReason reason) {
        if (byResponderSpi.remove(sa.localSpi(), sa)) {
            leaveHalfOpen(sa);
            sessions.down(sa, reason);
            sa.wipe();
        }
    }

    /** Runs {@code task} on the SA's executor (for results that complete on other threads). */
    boolean onSa(IkeSa sa, Runnable task) {
        return executors.execute(sa.localSpi(), () -> {
            if (byResponderSpi.get(sa.localSpi()) == sa) {
                task.run();
            }
        });
    }

    CreateChildSaExchange createChildSaExchange() {
        return createChildSa;
    }

    InformationalExchange informationalExchange() {
        return informational;
    }

    /** Runs {@code task} on the SA's executor after {@code delay}, unless the SA is gone by then. */
    void schedule(IkeSa sa, Duration delay, Runnable task) {
        try {
            timer.schedule(() -> onSa(sa, task), Math.max(0, delay.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("{}:timer stopped", sa.logId());
        }
    }

    /**
     * Removes a failed SA a little later, so that a retransmission of the request that failed still gets the
     * cached error response.
     */
    void scheduleRemoval(IkeSa sa, DownReason reason) {
        schedule(sa, settings.retransmitTimeout(), () -> remove(sa, reason));
    }

    /** Drops the SA when IKE_AUTH has not completed in time (half-open SAs are bounded in time, too). */
    void scheduleHalfOpenTimeout(IkeSa sa) {
        schedule(sa, settings.halfOpenTimeout(), () -> {
            if (sa.state != IkeSa.State.ESTABLISHED) {
                LOG.info("{}:IKE_AUTH from {} not completed within {} s: SA dropped", sa.logId(),
                        sa.remote.getAddress().getHostAddress(), settings.halfOpenTimeout().toSeconds());
                remove(sa, DownReason.ERROR);
            }
        });
    }

    /** Starts dead peer detection for an established SA whose profile asks for it. */
    void scheduleDpd(IkeSa sa) {
        sa.profile.dpd().ifPresent(d -> schedule(sa, d.interval(), () -> informational.dpdTick(sa)));
    }

    Collection<IkeSa> all() {
        return byResponderSpi.values();
    }

    List<IkeExtension> extensions() {
        return services.extensions();
    }

    /** Tears every SA down (DELETE to each peer), for shutdown. */
    @Override
    public void close() {
        for (IkeSa sa : List.copyOf(byResponderSpi.values())) {
            executors.execute(sa.localSpi(), () -> informational.deleteAndRemove(sa, DownReason.SHUTDOWN));
        }
        timer.shutdownNow();
    }
}
