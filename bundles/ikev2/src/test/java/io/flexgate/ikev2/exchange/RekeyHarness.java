package io.flexgate.ikev2.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.eap.mschapv2.MsChapV2Method;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.engine.Responder;
import io.flexgate.ikev2.engine.SerialExecutors;
import io.flexgate.ikev2.engine.Settings;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.initiator.InitiatorConfig;
import io.flexgate.ikev2.initiator.InitiatorProposals;
import io.flexgate.ikev2.initiator.InitiatorResult;
import io.flexgate.ikev2.message.IdType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A headend with a short IKE lifetime and one connected client whose IKE SA {@link RekeyPeer} has taken over, for
 * the rekey tests: the peer lets each test order the messages and choose the client's nonces and answers.
 */
abstract class RekeyHarness {

    static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * The profile lifetime of these tests: the headend rekeys after 85 to 90 % of it and ends the session at all of
     * it, so a test's rekey (with a retry after INVALID_KE_PAYLOAD or TEMPORARY_FAILURE, or a collision) must be done
     * within the last 10 to 15 %: 800 ms at least, which a 3 s lifetime (300 ms) did not leave on a loaded machine.
     */
    static final Duration LIFETIME = Duration.ofSeconds(8);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_500);
    private static final InetSocketAddress CLIENT_NATT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54_500);
    private static TestPki pki;

    private final StepClock clock = new StepClock();
    private final ExecutorService clientExecutor = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    TestServices services;
    InMemoryNetwork network;
    Responder responder;
    CountingMethod mschapv2;
    volatile RekeyPeer peer;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestPki.create("FlexGate Test CA", TestPki.SERVER_NAME);
    }

    @BeforeEach
    void headend() throws Exception {
        mschapv2 = new CountingMethod(new MsChapV2Method(ExchangeTest.mschapConfig()));
        services = new TestServices(Map.of("mschapv2", mschapv2), pki.trustpoint(TestServices.TRUSTPOINT),
                new MapCredentialStore(Map.of("test", "cisco123")), new TestPool(TestServices.POOL,
                        List.of(InetAddress.getByName("10.0.0.10"), InetAddress.getByName("10.0.0.11"))));
        services.lifetime = LIFETIME;
        network = new InMemoryNetwork(clientExecutor);
        // Once the peer has taken over, the headend's datagrams go to it instead of the initiator.
        network.dropToClient = d -> {
            RekeyPeer p = peer;
            return p != null && p.inbox.add(d);
        };
        SerialExecutors executors = new SerialExecutors(2, "test-ike");
        responder = new Responder(settings(), services, network.headendSide, CryptoSuite.defaults(), clock,
                ExchangeTest.seeded(1), executors);
        toClose.add(executors);
        toClose.add(responder);
    }

    /** The engine settings of the headend. */
    Settings settings() {
        return Settings.DEFAULTS;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        clientExecutor.shutdownNow();
    }

    /** Connects the initiator and hands its IKE SA to the peer; returns the session as the headend shows it. */
    SessionInfo connect() throws Exception {
        InitiatorConfig config = new InitiatorConfig(CLIENT, CLIENT_NATT, new InetSocketAddress(
                InetAddress.getByName("192.0.2.1"), 500), IdType.ID_RFC822_ADDR, "test@example.com", "test",
                () -> Secret.copyOf("cisco123".getBytes(java.nio.charset.StandardCharsets.UTF_8)), mschapv2, Map.of(),
                List.of(pki.ca), Optional.of(TestPki.SERVER_NAME), InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)),
                InitiatorProposals.defaultEsp(), List.of(), InitiatorConfig.DEFAULT_FRAGMENT_MTU, Duration.ofSeconds(2), 3);
        IkeInitiator i = new IkeInitiator(config, network.clientSide, CryptoSuite.defaults(), clock, ExchangeTest.seeded(2),
                clientExecutor);
        network.connect(responder, i);
        clientExecutor.execute(i::start);
        assertThat(i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        ExchangeTest.waitFor(() -> responder.sessions().sessions().size() == 1, "session registered");
        peer = clientExecutor.submit(() -> new RekeyPeer(i, network.clientSide, ExchangeTest.seeded(3))).get();
        return responder.sessions().sessions().get(0);
    }
}
