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
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IdType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our initiator (the FlexGate client's IKE side) against the real responder when the headend rekeys the IKE SA at
 * the profile lifetime (RFC 7296 sections 1.3.2, 2.18): the client answers as the responder of that exchange, the
 * session moves to the new SA with the roles turned (the headend is its original initiator), the old SA's DELETE
 * is answered, and DPD, a second headend rekey (now on an SA the headend initiated) and the client's DELETE work
 * on the new SA. Before, the client answered NO_ADDITIONAL_SAS and the headend deleted it at the lifetime.
 */
class InitiatorIkeRekeyTest {

    /**
     * The headend rekeys at 85 to 90 % of the lifetime and ends the session at all of it: the rekey (with the first
     * loading of the client's rekey classes) must fit in the last 10 to 15 %. 4 s (400 ms) was missed once on the
     * loaded machine; 8 s leaves 800 ms, as RekeyHarness found. Two rekeys take about 14 s.
     */
    private static final Duration LIFETIME = Duration.ofSeconds(8);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_500);
    private static final InetSocketAddress CLIENT_NATT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54_500);
    private static TestPki pki;

    private final ExecutorService clientExecutor = Executors.newSingleThreadExecutor();
    private SerialExecutors executors;
    private Responder responder;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestPki.create("FlexGate Test CA", TestPki.SERVER_NAME);
    }

    @AfterEach
    void stop() throws Exception {
        if (responder != null) {
            responder.close();
        }
        if (executors != null) {
            executors.close();
        }
        clientExecutor.shutdownNow();
    }

    @Test
    void clientSurvivesTheHeadendsIkeRekeysAndKeepsWorkingOnTheNewSa() throws Exception {
        MsChapV2Method mschapv2 = new MsChapV2Method(ExchangeTest.mschapConfig());
        TestServices services = new TestServices(Map.of("mschapv2", mschapv2), pki.trustpoint(TestServices.TRUSTPOINT),
                new MapCredentialStore(Map.of("test", "cisco123")), new TestPool(TestServices.POOL,
                        List.of(InetAddress.getByName("10.0.0.10"))));
        services.lifetime = LIFETIME;
        InMemoryNetwork network = new InMemoryNetwork(clientExecutor);
        executors = new SerialExecutors(2, "test-ike");
        responder = new Responder(Settings.DEFAULTS, services, network.headendSide, CryptoSuite.defaults(),
                new StepClock(), ExchangeTest.seeded(1), executors);
        InitiatorConfig config = new InitiatorConfig(CLIENT, CLIENT_NATT, new InetSocketAddress(
                InetAddress.getByName("192.0.2.1"), 500), IdType.ID_RFC822_ADDR, "test@example.com", "test",
                () -> Secret.copyOf("cisco123".getBytes(StandardCharsets.UTF_8)), mschapv2, Map.of(), List.of(pki.ca),
                Optional.of(TestPki.SERVER_NAME), InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)),
                InitiatorProposals.defaultEsp(), List.of(), InitiatorConfig.DEFAULT_FRAGMENT_MTU, Duration.ofSeconds(2), 3);
        IkeInitiator client = new IkeInitiator(config, network.clientSide, CryptoSuite.defaults(), new StepClock(),
                ExchangeTest.seeded(2), clientExecutor);
        network.connect(responder, client);
        clientExecutor.execute(client::start);
        assertThat(client.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(InitiatorResult.Established.class);
        ExchangeTest.waitFor(() -> responder.sessions().sessions().size() == 1, "session registered");
        SessionInfo before = responder.sessions().sessions().get(0);
        long firstSpi = onClient(client::initiatorSpi);
        assertThat(before.ike().initiatorSpi()).isEqualTo(firstSpi);

        // The headend's rekey at 85-90 % of the lifetime: the client answers it and moves to the new SA.
        ExchangeTest.waitFor(() -> headendSpiI() != firstSpi, "the headend's IKE SA rekey");
        long newSpi = onClient(client::initiatorSpi);
        SessionInfo after = responder.sessions().sessions().get(0);
        assertThat(after.ike().initiatorSpi()).as("the client is on the headend's new SA").isEqualTo(newSpi);
        assertThat(after.ike().initiatedByUs()).as("the headend is the new SA's original initiator").isTrue();
        assertThat(after.sessionId()).isEqualTo(before.sessionId());
        assertThat(after.assignedAddress()).isEqualTo(before.assignedAddress());
        assertThat(onClient(client::state)).isEqualTo(IkeInitiator.State.ESTABLISHED);
        assertThat(onClient(() -> client.childSas().size())).isEqualTo(1);

        // The headend deletes the old SA on it; the client answers there with the old SPIs and stays up.
        ExchangeTest.waitFor(() -> network.wire().stream().anyMatch(s -> s.fromClient() && s.header().response()
                && s.header().initiatorSpi() == firstSpi
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)), "the old SA's DELETE answered");
        assertThat(client.closed()).isNotDone();

        // DPD on the new SA: our request carries no I flag now, the headend's answer does; message IDs from 0.
        clientExecutor.execute(client::dpd);
        ExchangeTest.waitFor(() -> network.wire().stream().anyMatch(s -> !s.fromClient() && s.header().response()
                && s.header().initiatorSpi() == newSpi && s.header().initiator() && s.header().messageId() == 0
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)), "the DPD answer on the new SA");
        assertThat(network.wire().stream().filter(s -> s.fromClient() && !s.header().response()
                && s.header().initiatorSpi() == newSpi)).allMatch(s -> !s.header().initiator());

        // The headend rekeys again at the new SA's lifetime, now as that SA's original initiator.
        ExchangeTest.waitFor(() -> headendSpiI() != newSpi, "the headend's second IKE SA rekey");
        long thirdSpi = onClient(client::initiatorSpi);
        assertThat(headendSpiI()).isEqualTo(thirdSpi);
        assertThat(responder.sessions().sessions().get(0).sessionId()).isEqualTo(before.sessionId());

        // Our DELETE on the newest SA ends the session at the headend and frees the lease.
        clientExecutor.execute(client::delete);
        assertThat(client.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("deleted by us");
        ExchangeTest.waitFor(() -> responder.sessions().sessions().isEmpty(), "session removed at the headend");
        assertThat(services.pool.leases()).isEmpty();
    }

    private long headendSpiI() {
        List<SessionInfo> sessions = responder.sessions().sessions();
        return sessions.isEmpty() ? 0 : sessions.get(0).ike().initiatorSpi();
    }

    /** Reads the initiator on its own executor (it is not thread-safe). */
    private <T> T onClient(java.util.concurrent.Callable<T> read) throws Exception {
        return clientExecutor.submit(read).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
