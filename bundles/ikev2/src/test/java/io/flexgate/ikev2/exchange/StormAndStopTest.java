package io.flexgate.ikev2.exchange;

import static io.flexgate.ikev2.exchange.ExchangeTest.waitFor;
import static io.flexgate.ikev2.exchange.InMemoryNetwork.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import io.flexgate.eap.anyconnect.AnyConnectEapMethod;
import io.flexgate.eap.mschapv2.MsChapV2Method;
import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.config.IkeProposal;
import io.flexgate.ikev2.config.IpsecProfile;
import io.flexgate.ikev2.config.VirtualTemplate;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.engine.EngineServices;
import io.flexgate.ikev2.engine.GracefulStop;
import io.flexgate.ikev2.engine.Responder;
import io.flexgate.ikev2.engine.SerialExecutors;
import io.flexgate.ikev2.engine.Settings;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.initiator.InitiatorConfig;
import io.flexgate.ikev2.initiator.InitiatorProposals;
import io.flexgate.ikev2.initiator.InitiatorResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.transport.Datagram;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: retransmission storms and duplicate requests cost the responder no new work (RFC 7296 section 2.1:
 * a retransmitted request is answered with the response already sent), and a graceful stop deletes every IKE SA
 * and ends every session through the session-end path. The responder's randomness is counted: a new key
 * exchange, nonce, SPI or encrypted message (its IV) draws from it, a cached answer does not.
 */
class StormAndStopTest {

    /** Copies of one request injected in a storm. */
    private static final int STORM = 25;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_500);
    private static final InetSocketAddress CLIENT_NATT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54_500);
    private static final InetSocketAddress HEADEND = new InetSocketAddress(address("192.0.2.1"), 500);
    private static TestPki pki;

    private final StepClock clock = new StepClock();
    private final ExecutorService clientExecutor = Executors.newSingleThreadExecutor();
    private final CountingRandom random = new CountingRandom(1);
    private final List<Map.Entry<Long, SessionListener.DownReason>> downs = new CopyOnWriteArrayList<>();
    private final AtomicLong ups = new AtomicLong();
    private CountingMethod mschapv2;
    private TestServices services;
    private InMemoryNetwork network;
    private SerialExecutors executors;
    private Responder responder;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestPki.create("FlexGate Test CA", TestPki.SERVER_NAME);
    }

    @AfterEach
    void stop() {
        responder.close();
        executors.close();
        clientExecutor.shutdownNow();
    }

    private void headend() throws Exception {
        mschapv2 = new CountingMethod(new MsChapV2Method(mschapConfig()));
        services = new TestServices(Map.of("mschapv2", mschapv2, "anyconnect",
                new CountingMethod(new AnyConnectEapMethod(new NoProfiles()))), pki.trustpoint(TestServices.TRUSTPOINT),
                new MapCredentialStore(Map.of("test", "cisco123")),
                new TestPool(TestServices.POOL, List.of(address("10.0.0.10"), address("10.0.0.11"))));
        SessionListener listener = new SessionListener() {
            @Override
            public void sessionUp(SessionInfo session) {
                ups.incrementAndGet();
            }

            @Override
            public void sessionDown(SessionInfo session, DownReason reason) {
                downs.add(Map.entry(session.sessionId(), reason));
            }
        };
        network = new InMemoryNetwork(clientExecutor);
        executors = new SerialExecutors(2, "test-ike");
        responder = new Responder(Settings.DEFAULTS, new Listening(services, listener), network.headendSide,
                CryptoSuite.defaults(), clock, random, executors);
    }

    private IkeInitiator initiator() {
        InitiatorConfig config = new InitiatorConfig(CLIENT, CLIENT_NATT, HEADEND, IdType.ID_RFC822_ADDR,
                "test@example.com", "test", () -> Secret.copyOf("cisco123".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                mschapv2, Map.of(), List.of(pki.ca), Optional.of(TestPki.SERVER_NAME),
                InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)), InitiatorProposals.defaultEsp(), List.of(),
                InitiatorConfig.DEFAULT_FRAGMENT_MTU, Duration.ofSeconds(2), 3);
        IkeInitiator i = new IkeInitiator(config, network.clientSide, CryptoSuite.defaults(), clock, seeded(2),
                clientExecutor);
        network.connect(responder, i);
        return i;
    }

    @Test
    void aStormOfOneIkeSaInitIsAnsweredWithTheFirstAnswerAndNoNewKeyExchangeOrSa() throws Exception {
        headend();
        network.dropToClient = d -> header(d).exchangeType().equals(ExchangeType.IKE_SA_INIT);
        IkeInitiator i = initiator();
        clientExecutor.execute(i::start);
        waitFor(() -> answers(ExchangeType.IKE_SA_INIT, 0).size() == 1, "the first IKE_SA_INIT answer");
        Datagram request = requests(ExchangeType.IKE_SA_INIT, 0).get(0);
        long draws = random.draws.get();

        storm(request);

        waitFor(() -> answers(ExchangeType.IKE_SA_INIT, 0).size() == STORM + 1, "an answer to every copy");
        List<Datagram> answers = answers(ExchangeType.IKE_SA_INIT, 0);
        // The same SPI, KE and nonce: the first SA's answer, not a new SA's.
        assertThat(answers).allSatisfy(a -> assertThat(a.data()).isEqualTo(answers.get(0).data()));
        assertThat(random.draws.get()).as("no key exchange, nonce or SPI drawn for a copy").isEqualTo(draws);

        network.dropToClient = d -> false;
        clock.advance(Duration.ofSeconds(3));
        clientExecutor.execute(i::tick);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        waitFor(() -> responder.sessions().sessions().size() == 1, "the session up on the headend");
        assertThat(network.wire().stream().filter(s -> !s.fromClient()).map(s -> s.header().responderSpi()).distinct())
                .as("one IKE SA on the headend's side").hasSize(1);
    }

    @Test
    void aStormOfOneEapRoundIsAnsweredFromTheCacheWithoutASecondEapRound() throws Exception {
        headend();
        // Hold the headend's answer to IKE_AUTH message 3 (the MSCHAPv2 Challenge response) while the storm runs.
        network.dropToClient = d -> header(d).messageId() == 3;
        IkeInitiator i = initiator();
        clientExecutor.execute(i::start);
        waitFor(() -> answers(ExchangeType.IKE_AUTH, 3).size() == 1, "the answer to message 3");
        Datagram request = requests(ExchangeType.IKE_AUTH, 3).get(0);
        long draws = random.draws.get();
        assertThat(mschapv2.processed.get()).isEqualTo(1);

        storm(request);

        waitFor(() -> answers(ExchangeType.IKE_AUTH, 3).size() == STORM + 1, "an answer to every copy");
        List<Datagram> answers = answers(ExchangeType.IKE_AUTH, 3);
        assertThat(answers).allSatisfy(a -> assertThat(a.data()).isEqualTo(answers.get(0).data()));
        assertThat(mschapv2.processed.get()).as("the Challenge response processed once").isEqualTo(1);
        assertThat(mschapv2.conversations.get()).isEqualTo(1);
        assertThat(random.draws.get()).as("nothing encrypted anew (no fresh IV)").isEqualTo(draws);

        network.dropToClient = d -> false;
        clock.advance(Duration.ofSeconds(3));
        clientExecutor.execute(i::tick);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        assertThat(mschapv2.processed.get()).as("Challenge response and Success ack").isEqualTo(2);
    }

    @Test
    void duplicatesOfTheFinalIkeAuthAndOfStaleRequestsAfterTheSessionIsUpCostNothing() throws Exception {
        headend();
        IkeInitiator i = initiator();
        clientExecutor.execute(i::start);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        waitFor(() -> responder.sessions().sessions().size() == 1 && services.dataPlane.all().size() == 1, "session up");
        long last = requestIds(ExchangeType.IKE_AUTH).stream().max(Comparator.naturalOrder()).orElseThrow();
        Datagram stale = requests(ExchangeType.IKE_AUTH, 1).get(0);
        Datagram fin = requests(ExchangeType.IKE_AUTH, last).get(0);
        int staleAnswers = answers(ExchangeType.IKE_AUTH, 1).size();
        long draws = random.draws.get();

        // The stale copies go first; the SA's executor handles its datagrams in order, so once the final
        // request's copies are all answered, the stale ones have been handled too.
        storm(stale);
        storm(fin);

        waitFor(() -> answers(ExchangeType.IKE_AUTH, last).size() == STORM + 1, "an answer to every final copy");
        List<Datagram> answers = answers(ExchangeType.IKE_AUTH, last);
        assertThat(answers).allSatisfy(a -> assertThat(a.data()).isEqualTo(answers.get(0).data()));
        assertThat(answers(ExchangeType.IKE_AUTH, 1)).as("a request older than the last one is dropped").hasSize(
                staleAnswers);
        assertThat(random.draws.get()).isEqualTo(draws);
        assertThat(services.pool.leases()).as("one lease").hasSize(1);
        assertThat(services.dataPlane.all()).as("one CHILD_SA").hasSize(1);
        assertThat(responder.sessions().sessions()).hasSize(1);
        assertThat(ups.get()).as("one session-up event").isEqualTo(1);
        assertThat(mschapv2.conversations.get()).isEqualTo(1);
    }

    @Test
    void lateCopiesOfIkeSaInitAfterIkeAuthAreIgnoredWithoutNewWork() throws Exception {
        headend();
        IkeInitiator i = initiator();
        clientExecutor.execute(i::start);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        // The client may finish before the headend's executor has left the half-open phase (a copy then is a
        // retransmission, answered from the cache); its session-up event comes after that.
        waitFor(() -> ups.get() == 1, "session up at the headend");
        Datagram init = requests(ExchangeType.IKE_SA_INIT, 0).get(0);
        int answered = answers(ExchangeType.IKE_SA_INIT, 0).size();
        long draws = random.draws.get();

        clock.advance(Duration.ofSeconds(30));
        storm(init);
        // A copy taken for new would be queued on the executor of its initiator SPI: wait for that queue to pass.
        CountDownLatch passed = new CountDownLatch(1);
        executors.execute(header(init).initiatorSpi(), passed::countDown);
        assertThat(passed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(answers(ExchangeType.IKE_SA_INIT, 0)).as("no answer, so no new SA").hasSize(answered);
        assertThat(random.draws.get()).as("no key exchange").isEqualTo(draws);
        assertThat(responder.sessions().sessions()).hasSize(1);
    }

    @Test
    void theCookieFrontsWarmUpSendsNothingDrawsNothingAndTheHeadendServesAfterIt() throws Exception {
        headend();
        long draws = random.draws.get();

        assertThat(responder.warmUpCookieFront(500)).isEqualTo(500);

        assertThat(network.wire()).as("nothing sent").isEmpty();
        assertThat(random.draws.get()).as("no SPI, nonce or key drawn").isEqualTo(draws);
        IkeInitiator i = initiator();
        clientExecutor.execute(i::start);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
    }

    @Test
    void gracefulStopDeletesTheIkeSaAndEndsTheSessionThroughTheSessionEndPath() throws Exception {
        headend();
        IkeInitiator i = initiator();
        clientExecutor.execute(i::start);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        waitFor(() -> responder.sessions().sessions().size() == 1 && services.dataPlane.all().size() == 1, "session up");
        long sessionId = responder.sessions().sessions().get(0).sessionId();

        GracefulStop.Result result = GracefulStop.run(responder, GracefulStop.BOUND);

        assertThat(result).isEqualTo(new GracefulStop.Result(1, 1, 1, 0));
        assertThat(i.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("deleted by the headend");
        assertThat(downs).containsExactly(Map.entry(sessionId, SessionListener.DownReason.SHUTDOWN));
        assertThat(services.pool.leases()).as("lease released").isEmpty();
        assertThat(services.dataPlane.all()).as("CHILD_SA removed").isEmpty();
        assertThat(responder.sessions().sessions()).isEmpty();
        List<InMemoryNetwork.Sent> deletes = network.wire().stream().filter(s -> !s.fromClient() && !s.header().response()
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)).toList();
        assertThat(deletes).as("one INFORMATIONAL request (the DELETE) from the headend").hasSize(1);
    }

    @Test
    void gracefulStopWaitsNoLongerThanItsBoundForABusySaAndTheSessionStillEndsAfterwards() throws Exception {
        headend();
        IkeInitiator i = initiator();
        clientExecutor.execute(i::start);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        waitFor(() -> responder.sessions().sessions().size() == 1, "session up");
        long spiR = network.wire().stream().filter(s -> !s.fromClient()).findFirst().orElseThrow().header().responderSpi();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        executors.forSpi(spiR).execute(() -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        busy.await();

        GracefulStop.Result result = GracefulStop.run(responder, Duration.ofMillis(100));

        assertThat(result).isEqualTo(new GracefulStop.Result(1, 0, 0, 1));
        assertThat(services.pool.leases()).hasSize(1);
        release.countDown();
        waitFor(() -> !downs.isEmpty(), "the queued stop ran once the executor was free");
        assertThat(services.pool.leases()).isEmpty();
        assertThat(downs).extracting(Map.Entry::getValue).containsExactly(SessionListener.DownReason.SHUTDOWN);
    }

    // ---- helpers ----

    /** The seed services with a session listener of this test (the session-end path is what a stop must take). */
    private record Listening(TestServices services, SessionListener listener) implements EngineServices {
        @Override
        public java.util.Collection<IkeProfile> profiles() {
            return services.profiles();
        }

        @Override
        public List<IkeProposal> ikeProposals() {
            return services.ikeProposals();
        }

        @Override
        public Optional<IpsecProfile> ipsecProfile(IkeProfile profile) {
            return services.ipsecProfile(profile);
        }

        @Override
        public Optional<VirtualTemplate> virtualTemplate(int number) {
            return services.virtualTemplate(number);
        }

        @Override
        public Optional<Trustpoint> trustpoint(String name) {
            return services.trustpoint(name);
        }

        @Override
        public Optional<EapMethod> eapMethod(String name) {
            return services.eapMethod(name);
        }

        @Override
        public Optional<AaaMethodList> aaaList(String name) {
            return services.aaaList(name);
        }

        @Override
        public Optional<AddressPool> pool(String name) {
            return services.pool(name);
        }

        @Override
        public Optional<DataPlane> dataPlane() {
            return services.dataPlane();
        }

        @Override
        public List<IkeExtension> extensions() {
            return services.extensions();
        }

        @Override
        public List<SessionListener> listeners() {
            return List.of(listener);
        }
    }

    /** Delivers {@code STORM} copies of a client datagram to the responder, as the network would. */
    private void storm(Datagram fromClient) {
        for (int n = 0; n < STORM; n++) {
            responder.receive(new Datagram(fromClient.data(), fromClient.remote(), fromClient.local()));
        }
    }

    private List<Datagram> requests(ExchangeType exchange, long messageId) {
        return sent(true, exchange, messageId);
    }

    private List<Datagram> answers(ExchangeType exchange, long messageId) {
        return sent(false, exchange, messageId);
    }

    private List<Datagram> sent(boolean fromClient, ExchangeType exchange, long messageId) {
        return network.wire().stream().filter(s -> s.fromClient() == fromClient
                && s.header().exchangeType().equals(exchange) && s.header().messageId() == messageId)
                .map(InMemoryNetwork.Sent::datagram).toList();
    }

    private List<Long> requestIds(ExchangeType exchange) {
        return network.wire().stream().filter(s -> s.fromClient() && s.header().exchangeType().equals(exchange))
                .map(s -> s.header().messageId()).distinct().toList();
    }

    /** A seeded SecureRandom that counts what is drawn from it (every nextInt/nextLong goes through nextBytes). */
    private static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient SecureRandom delegate;
        final transient AtomicLong draws = new AtomicLong();

        CountingRandom(long seed) {
            this.delegate = seeded(seed);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            draws.incrementAndGet();
            delegate.nextBytes(bytes);
        }
    }

    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static MsChapV2Method.Config mschapConfig() {
        return new MsChapV2Method.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MsChapV2Method.Config.class;
            }

            @Override
            public int retries() {
                return 0;
            }

            @Override
            public String authenticatorName() {
                return "FlexGate";
            }
        };
    }

    /** No AnyConnect XML profiles configured. */
    private static final class NoProfiles implements io.flexgate.api.anyconnect.AnyConnectProfiles {
        @Override
        public List<ProfileStatus> profiles() {
            return List.of();
        }

        @Override
        public Optional<ProfileStatus> profile(String name) {
            return Optional.empty();
        }

        @Override
        public ProfileStatus.Loaded export(String name, Path target) {
            throw new IllegalArgumentException("no profile " + name);
        }
    }
}
