package io.flexgate.ikev2.initiator;

import io.flexgate.api.eap.EapPeer;
import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.AuthOctets;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.Prf;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.EapPayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.FragmentReassembler;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.message.IkeDecodeException;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.transport.Datagram;
import io.flexgate.ikev2.transport.IkeTransport;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IKEv2 initiator session (RFC 7296): IKE_SA_INIT (retried on INVALID_KE_PAYLOAD with the group the
 * headend asks for, and on COOKIE with the cookie first, section 2.6), IKE_AUTH without AUTH so that EAP
 * follows (section 2.16), the headend's certificate and signature checked before EAP answers anything, the
 * final AUTH over the MSK or SK_pi, then the CHILD_SA. Afterwards it answers the headend's INFORMATIONAL
 * requests (DPD, DELETE), its CHILD_SA rekeys and its IKE SA rekey (after which the headend is the new SA's
 * original initiator, section 2.18), and deletes the IKE SA on {@link #delete()}.
 *
 * <p>Not thread-safe: every method runs on the session's {@code executor} (the caller's serial executor),
 * and EAP stages that complete elsewhere come back onto it. Retransmission is driven by {@link #tick()}
 * against the injected clock.
 */
public final class IkeInitiator {

    private static final Logger LOG = LoggerFactory.getLogger(IkeInitiator.class);

    /** Our nonce: 32 octets, at least half the key size of every PRF we offer (RFC 7296 section 2.10). */
    static final int NONCE_LENGTH = 32;
    private static final int NATT_PORT = 4500;

    /** Where the session is; transitions only in {@link #enter}. */
    public enum State {
        IDLE, INIT_SENT, AUTH_SENT, EAP, FINAL_AUTH_SENT, ESTABLISHED, DELETING, CLOSED, FAILED
    }

    private final InitiatorConfig config;
    private final IkeTransport transport;
    private final CryptoSuite suite;
    private final SkCipherFactory cipherFactory;
    private final Clock clock;
    private final SecureRandom random;
    private final Executor executor;
    private final ServerCheck serverCheck;
    private final InitExchange init;
    private final EapConversation eap;
    private final FragmentReassembler reassembler;
    private final CompletableFuture<InitiatorResult> result = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    /** SPIi of the IKE SA now: ours, until the headend rekeys the IKE SA and becomes the new one's initiator. */
    private long spiI;
    private boolean weInitiator = true;
    private RetiredIkeSa retired;
    private final byte[] nonceI = new byte[NONCE_LENGTH];
    private final int childSpi;
    private final IdPayload ourId;

    private State state = State.IDLE;
    private InetSocketAddress local;
    private InetSocketAddress remote;
    private long spiR;
    private byte[] initRequest;
    private byte[] initResponse;
    private byte[] nonceR;
    private IkeSaTransforms transforms;
    private Prf prf;
    private IkeKeyDerivation kdf;
    private IkeSaKeys keys;
    private SkCipherPair ciphers;
    private boolean peerFragmentation;
    private boolean natDetected;
    private long nextMessageId;
    private final Retransmission retransmission;
    private long expectedPeerRequest;
    private List<Datagram> lastPeerResponse = List.of();
    private final ChildSas children = new ChildSas();
    private java.util.function.Consumer<State> observer = s -> { };
    private byte[] serverIdRest;

    public IkeInitiator(InitiatorConfig config, IkeTransport transport, CryptoSuite suite, Clock clock,
            SecureRandom random, Executor executor) {
        this.config = config;
        this.transport = transport;
        this.suite = suite;
        this.cipherFactory = new SkCipherFactory(suite, random);
        this.clock = clock;
        this.random = random;
        this.executor = executor;
        this.serverCheck = new ServerCheck(config.trustedCas(), suite);
        this.init = new InitExchange(config, suite, cipherFactory, random);
        this.eap = new EapConversation(config, random);
        this.reassembler = new FragmentReassembler(clock);
        this.retransmission = new Retransmission(clock, config.retransmitTimeout(), config.retransmitTries());
        this.local = config.local();
        this.remote = config.remote();
        this.spiI = newIkeSpi(random);
        this.childSpi = ChildSas.newSpi(random, List.of(), 0);
        this.ourId = new IdPayload(true, config.idType(), Bytes.of(InitiatorMessages.idData(config.idType(), config.identity())));
    }

    /** Completes once: established, or failed with the reason. */
    public CompletableFuture<InitiatorResult> result() {
        return result;
    }

    /** Completes when the IKE SA is gone after establishment: why (our DELETE, the headend's, timeout). */
    public CompletableFuture<String> closed() {
        return closed;
    }

    /** Called on the session's executor at every state change (progress lines of the command line). */
    public void onStateChange(java.util.function.Consumer<State> stateObserver) {
        this.observer = stateObserver;
    }

    /** Called on the session's executor when the headend rekeys or deletes a CHILD_SA (the data path follows). */
    public void onChildSaChange(ChildSaListener listener) {
        children.listener(listener);
    }

    public State state() {
        return state;
    }

    /** The CHILD_SAs now (the first, then rekeyed ones until the headend deletes the old). */
    public List<ChildSa> childSas() {
        return children.all();
    }

    public long initiatorSpi() {
        return spiI;
    }

    /** The AnyConnect or other EAP peer of this session, once EAP started (for the AnyConnect completion). */
    public Optional<EapPeer> eapPeer() {
        return eap.peer();
    }

    /** Sends the first IKE_SA_INIT request. */
    public void start() {
        init.start();
        random.nextBytes(nonceI);
        sendInit();
    }

    /** A datagram from the headend (on any of our ports). */
    public void receive(Datagram datagram) {
        IkeHeader header;
        try {
            header = IkeMessageCodec.decodeHeader(datagram.data());
        } catch (IkeDecodeException e) {
            LOG.debug("dropped datagram from {}: {}", datagram.remote(), e.getMessage());
            return;
        }
        if (retired != null && retired.matches(header)) {
            retired.answer(datagram, header, local, remote).forEach(transport::send);
            return;
        }
        if (header.initiatorSpi() != spiI || header.initiator() == weInitiator) {
            return; // not ours, or a message only the SA's original initiator (we) sends
        }
        if (!header.response()) {
            onPeerRequest(datagram, header);
        } else if (retransmission.awaited().filter(id -> id == header.messageId()).isPresent()) {
            if (state == State.INIT_SENT) {
                onInitResponse(datagram, header);
            } else {
                onEncryptedResponse(datagram, header);
            }
        }
    }

    /** Retransmits the outstanding request when its time has come; gives up after the configured tries. */
    public void tick() {
        Retransmission.Due due = retransmission.due();
        if (due instanceof Retransmission.Due.Resend r) {
            LOG.debug("retransmitting request {} ({} of {})", r.messageId(), r.tries(), config.retransmitTries());
            r.datagrams().forEach(transport::send);
        } else if (due instanceof Retransmission.Due.Exhausted x) {
            if (state == State.ESTABLISHED || state == State.DELETING) {
                closeWith("the headend stopped answering");
            } else {
                fail(InitiatorResult.Reason.TIMEOUT, Optional.empty(), "no answer from " + remote + " after "
                        + x.tries() + " retransmissions");
            }
        }
    }

    /** Deletes the IKE SA (and with it the CHILD_SA) with an INFORMATIONAL request (RFC 7296 section 1.4.1). */
    public void delete() {
        if (state != State.ESTABLISHED) {
            return;
        }
        sendEncrypted(ExchangeType.INFORMATIONAL, List.of(io.flexgate.ikev2.message.DeletePayload.ikeSa()));
        enter(State.DELETING);
    }

    /**
     * Dead peer detection (RFC 7296 section 2.4): an empty INFORMATIONAL request, retransmitted like any other;
     * when every retransmission goes unanswered the session ends with "the headend stopped answering". Nothing is
     * sent while another request of ours is outstanding (that one already proves liveness).
     */
    public void dpd() {
        if (state == State.ESTABLISHED && retransmission.awaited().isEmpty()) {
            sendEncrypted(ExchangeType.INFORMATIONAL, List.of());
        }
    }

    // ---- IKE_SA_INIT ----

    private void sendInit() {
        IkeMessage request = init.request(spiI, nonceI, local, remote);
        initRequest = IkeMessageCodec.encode(request, null);
        nextMessageId = 1;
        LOG.info("Sending {} to {}", request.summary(), remote);
        enter(State.INIT_SENT);
        send(0, List.of(new Datagram(initRequest, local, remote)));
    }

    private void onInitResponse(Datagram datagram, IkeHeader header) {
        DecodeResult decoded = IkeMessageCodec.decode(datagram.data());
        if (!(decoded instanceof DecodeResult.Ok ok)) {
            LOG.debug("IKE_SA_INIT response dropped: {}", IkeMessageCodec.summary(decoded));
            return;
        }
        IkeMessage response = ok.message();
        LOG.info("Received {}", response.summary());
        InitExchange.Outcome outcome = init.response(response, spiI, header.responderSpi(), nonceI);
        if (outcome instanceof InitExchange.Outcome.Failed f) {
            fail(f.reason(), f.notifyType(), f.message());
            return;
        }
        if (outcome instanceof InitExchange.Outcome.Again again) {
            again.otherGroup().ifPresent(g -> LOG.info("Headend prefers {}: retrying IKE_SA_INIT", g.name()));
            sendInit();
            return;
        }
        InitExchange.Outcome.Negotiated sa = (InitExchange.Outcome.Negotiated) outcome;
        spiR = header.responderSpi();
        nonceR = sa.nonceR();
        transforms = sa.transforms();
        prf = sa.prf();
        kdf = sa.kdf();
        keys = sa.keys();
        ciphers = sa.ciphers();
        initResponse = datagram.data();
        peerFragmentation = response.notification(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED).isPresent();
        natDetected = InitiatorMessages.natDetected(response, spiI, spiR, local, remote);
        if (natDetected) {
            // RFC 7296 section 2.23: once a NAT is seen, IKE moves to port 4500 and ESP goes in UDP.
            local = config.localNatT();
            remote = new InetSocketAddress(remote.getAddress(), NATT_PORT);
        }
        LOG.info("IKE SA {} with {} ({}{})", Long.toHexString(spiR), remote, transforms, natDetected ? ", NAT-T" : "");
        retransmission.clear();
        sendFirstAuth();
    }

    // ---- IKE_AUTH ----

    private void sendFirstAuth() {
        enter(State.AUTH_SENT);
        sendEncrypted(ExchangeType.IKE_AUTH, InitiatorMessages.firstAuth(ourId, config, childSpi));
    }

    private void onEncryptedResponse(Datagram datagram, IkeHeader header) {
        DecodeResult decoded = IkeMessageCodec.decode(datagram.data(), ciphers.inbound(), reassembler);
        if (decoded instanceof DecodeResult.Partial p) {
            LOG.debug("fragment {}/{} of response {}", p.received(), p.total(), header.messageId());
            return;
        }
        if (!(decoded instanceof DecodeResult.Ok ok)) {
            LOG.info("response {} dropped: {}", header.messageId(), IkeMessageCodec.summary(decoded));
            return;
        }
        retransmission.clear();
        IkeMessage response = ok.message();
        LOG.info("Received {}", response.summary());
        switch (state) {
            case AUTH_SENT -> onFirstAuthResponse(response);
            case EAP -> onEapResponse(response);
            case FINAL_AUTH_SENT -> onFinalAuthResponse(response);
            case DELETING -> closeWith("deleted by us");
            default -> LOG.debug("response in state {} ignored", state);
        }
    }

    private void onFirstAuthResponse(IkeMessage response) {
        if (refused(response)) {
            return;
        }
        Optional<IdPayload> idr = response.first(IdPayload.class).filter(p -> !p.initiator());
        Optional<AuthPayload> auth = response.first(AuthPayload.class);
        List<X509Certificate> chain = InitiatorMessages.certificates(response);
        if (idr.isEmpty() || auth.isEmpty()) {
            fail(InitiatorResult.Reason.PROTOCOL_ERROR, Optional.empty(), "the headend's IKE_AUTH response lacks IDr or AUTH");
            return;
        }
        Optional<String> problem = serverCheck.validateChain(chain, clock.instant())
                .or(() -> config.serverName().flatMap(n -> ServerCheck.checkName(chain.get(0), n)))
                .or(() -> serverCheck.verifyAuth(chain.get(0), auth.get(), AuthOctets.signedOctets(prf, initResponse,
                        nonceI, keys.skPr(), idr.get().restOfPayload())));
        if (problem.isPresent()) {
            fail(InitiatorResult.Reason.SERVER_NOT_TRUSTED, Optional.empty(), problem.get());
            return;
        }
        serverIdRest = idr.get().restOfPayload();
        LOG.info("Server certificate '{}' verified", chain.get(0).getSubjectX500Principal().getName());
        enter(State.EAP);
        onEapResponse(response);
    }

    private void onEapResponse(IkeMessage response) {
        if (!refused(response)) {
            onEapStep(eap.next(response));
        }
    }

    private void onEapStep(EapConversation.Step step) {
        if (step instanceof EapConversation.Step.Send send) {
            sendEncrypted(ExchangeType.IKE_AUTH, List.of(new EapPayload(Bytes.of(send.packet().encode()))));
        } else if (step instanceof EapConversation.Step.Await await) {
            // The method answers on its own thread; its answer counts only while the session is still in EAP.
            await.answer().whenComplete((answer, error) -> executor.execute(() -> {
                if (state == State.EAP) {
                    onEapStep(error == null ? new EapConversation.Step.Send(answer) : eap.failed(error));
                }
            }));
        } else if (step instanceof EapConversation.Step.Failed failed) {
            fail(failed.reason(), Optional.empty(), failed.message());
        } else {
            sendFinalAuth();
        }
    }

    private void sendFinalAuth() {
        byte[] octets = AuthOctets.signedOctets(prf, initRequest, nonceR, keys.skPi(), ourId.restOfPayload());
        byte[] auth = eap.auth(prf, keys.skPi(), octets);
        LOG.info("EAP succeeded{}", eap.hasMsk() ? "" : " (no MSK: AUTH over SK_pi)");
        enter(State.FINAL_AUTH_SENT);
        sendEncrypted(ExchangeType.IKE_AUTH, List.of(new AuthPayload(AuthMethod.SHARED_KEY_MIC, Bytes.of(auth))));
    }

    private void onFinalAuthResponse(IkeMessage response) {
        if (refused(response)) {
            return;
        }
        Optional<AuthPayload> auth = response.first(AuthPayload.class);
        byte[] octets = AuthOctets.signedOctets(prf, initResponse, nonceI, keys.skPr(), serverIdRest);
        if (auth.isEmpty() || !eap.verifies(prf, keys.skPr(), octets, auth.get())) {
            fail(InitiatorResult.Reason.SERVER_NOT_TRUSTED, Optional.empty(), "the headend's AUTH after EAP does not verify");
            return;
        }
        Optional<TunnelParameters> t = InitiatorMessages.tunnel(response, config.espProposals(), childSpi, kdf,
                cipherFactory, keys.skD(), nonceI, nonceR, local, remote, natDetected);
        if (t.isEmpty()) {
            fail(InitiatorResult.Reason.PROTOCOL_ERROR, Optional.empty(), "the headend's CHILD_SA answer is unusable");
            return;
        }
        children.first(t.get().child());
        enter(State.ESTABLISHED);
        result.complete(new InitiatorResult.Established(t.get()));
    }

    // ---- after establishment ----

    private void onPeerRequest(Datagram datagram, IkeHeader header) {
        if (ciphers == null || header.responderSpi() != spiR) {
            return;
        }
        if (header.messageId() + 1 == expectedPeerRequest && !lastPeerResponse.isEmpty()) {
            lastPeerResponse.forEach(transport::send); // a retransmission: the cached answer (section 2.1)
            return;
        }
        if (header.messageId() != expectedPeerRequest) {
            return;
        }
        DecodeResult decoded = IkeMessageCodec.decode(datagram.data(), ciphers.inbound(), reassembler);
        if (!(decoded instanceof DecodeResult.Ok ok)) {
            return;
        }
        IkeMessage request = ok.message();
        LOG.info("Received {}", request.summary());
        boolean deleteIke = InitiatorMessages.deletesIkeSa(request);
        List<IkePayload> reply = List.of();
        Runnable after = () -> { };
        if (header.exchangeType().equals(ExchangeType.CREATE_CHILD_SA) && IkeRekeyAnswer.rekeysIkeSa(request)) {
            IkeRekeyAnswer.Answer answer = IkeRekeyAnswer.answer(request, config.ikeProposals(),
                    newIkeSpi(random, spiI, spiR), kdf, keys.skD(), cipherFactory, suite, random);
            reply = answer.payloads();
            after = () -> ikeRekeyed(answer, header.messageId() + 1);
        } else if (header.exchangeType().equals(ExchangeType.CREATE_CHILD_SA) && !deleteIke) {
            ChildRekey.Answer answer = ChildRekey.answer(request, children.all(), config.espProposals(),
                    ChildSas.newSpi(random, children.all(), childSpi), kdf, cipherFactory, suite, keys.skD(), random);
            reply = answer.payloads();
            after = () -> answer.child().ifPresent(c -> children.rekeyed(answer.old().orElseThrow(), c));
        } else if (!deleteIke) {
            Optional<ChildSa> deleted = InitiatorMessages.deletedChild(request, children.all());
            reply = deleted.map(InitiatorMessages::childDeleteReply).orElse(List.of());
            after = () -> deleted.ifPresent(children::deleted);
        }
        IkeMessage response = new IkeMessage(IkeHeader.of(spiI, spiR, header.exchangeType(), weInitiator, true,
                header.messageId()), true, reply);
        lastPeerResponse = List.of(new Datagram(IkeMessageCodec.encode(response, ciphers.outbound()), local, remote));
        expectedPeerRequest = header.messageId() + 1;
        LOG.info("Sending {}", response.summary());
        lastPeerResponse.forEach(transport::send);
        after.run();
        if (deleteIke) {
            closeWith("deleted by the headend");
        }
    }

    /**
     * The headend rekeyed the IKE SA and we answered (RFC 7296 section 2.18): the session moves to the new SA, whose
     * original initiator is the headend, with message IDs from 0; the CHILD_SAs go with it. The old SA stays to
     * answer the headend's DELETE of it.
     */
    private void ikeRekeyed(IkeRekeyAnswer.Answer answer, long oldExpected) {
        if (!(answer instanceof IkeRekeyAnswer.Accepted next)) {
            LOG.info("IKE SA rekey by the headend refused: {}", ((IkeRekeyAnswer.Refused) answer).why());
            return;
        }
        if (retired != null) {
            retired.wipe();
        }
        retired = new RetiredIkeSa(spiI, spiR, weInitiator, ciphers, keys, oldExpected, lastPeerResponse, clock);
        spiI = next.spiI();
        spiR = next.spiR();
        weInitiator = false;
        transforms = next.transforms();
        prf = next.prf();
        kdf = next.kdf();
        keys = next.keys();
        ciphers = next.ciphers();
        nextMessageId = 0;
        expectedPeerRequest = 0;
        lastPeerResponse = List.of();
        retransmission.clear(); // a request of ours on the old SA is answered there, which we no longer read
        LOG.info("IKE SA rekeyed by the headend: new SPIs {} (headend) / {} (ours), {}", Long.toHexString(spiI),
                Long.toHexString(spiR), transforms);
    }

    /** A random IKE SPI: never 0 (RFC 7296 section 3.1) nor one in {@code taken}. */
    private static long newIkeSpi(SecureRandom random, long... taken) {
        while (true) {
            long spi = random.nextLong();
            if (spi != 0 && java.util.Arrays.stream(taken).noneMatch(t -> t == spi)) {
                return spi;
            }
        }
    }

    // ---- helpers ----

    private void sendEncrypted(ExchangeType exchange, List<IkePayload> payloads) {
        long id = nextMessageId++;
        IkeMessage request = new IkeMessage(IkeHeader.of(spiI, spiR, exchange, weInitiator, false, id), true, payloads);
        List<byte[]> encoded = peerFragmentation
                ? IkeMessageCodec.encodeFragmented(request, ciphers.outbound(), config.fragmentMtu())
                : List.of(IkeMessageCodec.encode(request, ciphers.outbound()));
        LOG.info("Sending {}", request.summary());
        send(id, encoded.stream().map(e -> new Datagram(e, local, remote)).toList());
    }

    private void send(long messageId, List<Datagram> datagrams) {
        retransmission.sent(messageId, datagrams);
        datagrams.forEach(transport::send);
    }

    /** An error notify in an IKE_AUTH response ends the attempt (RFC 7296 section 2.21.2). */
    private boolean refused(IkeMessage response) {
        Optional<NotifyPayload> error = InitiatorMessages.firstError(response);
        if (error.isEmpty()) {
            return false;
        }
        NotifyType type = error.get().notifyType();
        fail(type.equals(NotifyType.AUTHENTICATION_FAILED) ? InitiatorResult.Reason.AUTHENTICATION_FAILED
                : InitiatorResult.Reason.REFUSED, Optional.of(type), "the headend refused: " + type.name());
        return true;
    }

    private void fail(InitiatorResult.Reason reason, Optional<NotifyType> notify, String message) {
        LOG.warn("Connection to {} failed: {}", config.remote(), message);
        retransmission.clear();
        enter(State.FAILED);
        wipe();
        result.complete(new InitiatorResult.Failed(reason, notify, message));
    }

    private void closeWith(String why) {
        retransmission.clear();
        enter(State.CLOSED);
        wipe();
        closed.complete(why);
    }

    private void enter(State next) {
        LOG.debug("IKE SA {}: {} -> {}", Long.toHexString(spiI), state, next);
        state = next;
        try {
            observer.accept(next);
        } catch (RuntimeException e) {
            LOG.debug("state observer failed: {}", e.toString());
        }
    }

    private void wipe() {
        eap.close();
        init.close();
        children.wipe();
        if (retired != null) {
            retired.wipe();
        }
        if (keys != null) {
            keys.close();
        }
    }
}
