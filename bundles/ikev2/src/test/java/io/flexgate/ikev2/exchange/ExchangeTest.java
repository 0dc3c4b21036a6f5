package io.flexgate.ikev2.exchange;

import static io.flexgate.ikev2.exchange.InMemoryNetwork.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectPeer;
import io.flexgate.api.anyconnect.AnyConnectProfiles;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.session.SessionListener;
import io.flexgate.eap.anyconnect.AnyConnectEapMethod;
import io.flexgate.eap.mschapv2.MsChapV2Method;
import io.flexgate.ikev2.config.Cipher;
import io.flexgate.ikev2.config.IkeProposal;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import io.flexgate.ikev2.engine.Responder;
import io.flexgate.ikev2.engine.SerialExecutors;
import io.flexgate.ikev2.engine.Settings;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.initiator.InitiatorConfig;
import io.flexgate.ikev2.initiator.InitiatorProposals;
import io.flexgate.ikev2.initiator.InitiatorResult;
import io.flexgate.ikev2.initiator.TunnelParameters;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.transport.Datagram;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The initiator against the real responder (engine package) over an in-memory wire, with the real
 * EAP-MSCHAPv2 and AnyConnect-EAP methods in both roles, the seed's profiles, a pool, a recording data plane
 * and a test CA. Each test is one connection attempt as a user would see it.
 */
class ExchangeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Polling step of the bounded waits on other threads' progress. */
    private static final Duration POLL = Duration.ofMillis(1);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_500);
    private static final InetSocketAddress CLIENT_NATT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 54_500);
    private static final InetSocketAddress HEADEND = new InetSocketAddress(address("192.0.2.1"), 500);
    /** The client's NAT mapping after it changed: same address, new public port. */
    private static final InetSocketAddress CLIENT_REMAPPED = new InetSocketAddress(InetAddress.getLoopbackAddress(),
            61_500);
    private static TestPki pki;
    private static TestPki otherPki;

    private final StepClock clock = new StepClock();
    private final ExecutorService clientExecutor = Executors.newSingleThreadExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private CountingMethod mschapv2;
    private CountingMethod anyconnect;
    private TestServices services;
    private InMemoryNetwork network;
    private Responder responder;

    @BeforeAll
    static void makePki() throws Exception {
        pki = TestPki.create("FlexGate Test CA", TestPki.SERVER_NAME);
        otherPki = TestPki.create("Some Other CA", TestPki.SERVER_NAME);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        clientExecutor.shutdownNow();
    }

    private void headend(Settings settings, List<InetAddress> poolAddresses) throws Exception {
        mschapv2 = new CountingMethod(new MsChapV2Method(mschapConfig()));
        anyconnect = new CountingMethod(new AnyConnectEapMethod(new NoProfiles()));
        services = new TestServices(Map.of("mschapv2", mschapv2, "anyconnect", anyconnect), pki.trustpoint(
                TestServices.TRUSTPOINT), new MapCredentialStore(Map.of("test", "cisco123")),
                new TestPool(TestServices.POOL, poolAddresses));
        network = new InMemoryNetwork(clientExecutor);
        SerialExecutors executors = new SerialExecutors(2, "test-ike");
        responder = new Responder(settings, services, network.headendSide, CryptoSuite.defaults(), clock,
                seeded(1), executors);
        toClose.add(executors);
        toClose.add(responder);
    }

    private void headend() throws Exception {
        headend(Settings.DEFAULTS, List.of(address("10.0.0.10"), address("10.0.0.11")));
    }

    private InitiatorConfig standard(String user, String password, X509Certificate ca, List<SaPayload.Proposal> ike) {
        return new InitiatorConfig(CLIENT, CLIENT_NATT, HEADEND, IdType.ID_RFC822_ADDR, user + "@example.com", user,
                () -> Secret.copyOf(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)), mschapv2, Map.of(),
                List.of(ca), Optional.of(TestPki.SERVER_NAME), ike, InitiatorProposals.defaultEsp(), List.of(),
                InitiatorConfig.DEFAULT_FRAGMENT_MTU, Duration.ofSeconds(2), 3);
    }

    private InitiatorConfig standard(String user, String password) {
        return standard(user, password, pki.ca, InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)));
    }

    private InitiatorConfig anyConnect(String user, String password) {
        return new InitiatorConfig(CLIENT, CLIENT_NATT, HEADEND, IdType.ID_KEY_ID, InitiatorConfig.ANYCONNECT_IDENTITY,
                user, () -> Secret.copyOf(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)), anyconnect,
                Map.of(), List.of(pki.ca), Optional.of(TestPki.SERVER_NAME),
                InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)), InitiatorProposals.defaultEsp(),
                List.of("CISCO-ANYCONNECT-EAP".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                InitiatorConfig.DEFAULT_FRAGMENT_MTU, Duration.ofSeconds(2), 3);
    }

    private IkeInitiator initiator(InitiatorConfig config) {
        return initiator(config, 2);
    }

    /** With its own random seed: clients that connect one after another need SPIs of their own. */
    private IkeInitiator initiator(InitiatorConfig config, long seed) {
        IkeInitiator i = new IkeInitiator(config, network.clientSide, CryptoSuite.defaults(), clock, seeded(seed),
                clientExecutor);
        network.connect(responder, i);
        return i;
    }

    private InitiatorResult connect(IkeInitiator i) throws Exception {
        clientExecutor.execute(i::start);
        return i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void eapMschapv2SessionGetsAddressDnsSplitRoutesAndMatchingChildSaKeys() throws Exception {
        headend();
        IkeInitiator i = initiator(standard("test", "cisco123"));

        InitiatorResult result = connect(i);

        assertThat(result).isInstanceOf(InitiatorResult.Established.class);
        TunnelParameters t = ((InitiatorResult.Established) result).tunnel();
        assertThat(t.address()).contains(address("10.0.0.10"));
        assertThat(t.dnsServers()).containsExactly(address("10.0.1.1"));
        assertThat(t.splitRoutes()).containsExactly(IpPrefix.parse("10.0.1.0/24"));
        assertThat(t.dnsDomain()).contains("example.com");
        assertThat(t.child().remoteSelectors()).containsExactly(IpPrefix.parse("10.0.1.0/24"));
        assertThat(t.child().localSelectors()).containsExactly(IpPrefix.parse("10.0.0.10/32"));
        assertThat(t.udpEncapsulation()).as("the headend fakes a NAT so that ESP goes in UDP").isTrue();
        assertThat(t.remote().getPort()).isEqualTo(4500);
        ChildSaSpec headendSa = waitFor(() -> services.dataPlane.all().size() == 1, "CHILD_SA installed")
                ? services.dataPlane.all().get(0) : null;
        assertThat(headendSa.inboundSpi()).isEqualTo(t.child().outboundSpi());
        assertThat(headendSa.outboundSpi()).isEqualTo(t.child().inboundSpi());
        assertThat(headendSa.inboundEncryptionKey().equalsConstantTime(t.child().keys().initiatorEncryption())).isTrue();
        assertThat(headendSa.outboundEncryptionKey().equalsConstantTime(t.child().keys().responderEncryption())).isTrue();
        assertThat(exchanges(true)).containsExactly(ExchangeType.IKE_SA_INIT, ExchangeType.IKE_AUTH, ExchangeType.IKE_AUTH,
                ExchangeType.IKE_AUTH, ExchangeType.IKE_AUTH, ExchangeType.IKE_AUTH);
    }

    @Test
    void eapMschapv2WrongPasswordEndsWithAuthenticationFailed() throws Exception {
        headend();
        InitiatorResult result = connect(initiator(standard("test", "wrong")));

        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f ->
                assertThat(f.reason()).isEqualTo(InitiatorResult.Reason.AUTHENTICATION_FAILED));
        assertThat(services.pool.leases()).isEmpty();
        assertThat(services.dataPlane.all()).isEmpty();
    }

    @Test
    void anyConnectEapSessionCompletesAndReportsTheSession() throws Exception {
        headend();
        IkeInitiator i = initiator(anyConnect("test", "cisco123"));

        InitiatorResult result = connect(i);

        assertThat(result).isInstanceOf(InitiatorResult.Established.class);
        assertThat(((InitiatorResult.Established) result).tunnel().address()).contains(address("10.0.0.10"));
        assertThat(i.eapPeer()).get().isInstanceOfSatisfying(AnyConnectPeer.class, p ->
                assertThat(p.completion()).as("the headend's complete document").isPresent());
        assertThat(anyconnect.conversations.get()).isEqualTo(1);
    }

    @Test
    void anyConnectEapWrongPasswordEndsWithAuthenticationFailed() throws Exception {
        headend();
        InitiatorResult result = connect(initiator(anyConnect("test", "wrong")));

        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f ->
                assertThat(f.reason()).isEqualTo(InitiatorResult.Reason.AUTHENTICATION_FAILED));
        assertThat(services.pool.leases()).isEmpty();
    }

    @Test
    void identityWithoutProfileIsRefusedWithAuthenticationFailed() throws Exception {
        headend();
        InitiatorConfig c = standard("test", "cisco123");
        InitiatorConfig other = new InitiatorConfig(c.local(), c.localNatT(), c.remote(), IdType.ID_RFC822_ADDR,
                "test@other.example.org", "test", c.password(), c.eapMethod(), c.eapParameters(), c.trustedCas(),
                c.serverName(), c.ikeProposals(), c.espProposals(), c.vendorIds(), c.fragmentMtu(),
                c.retransmitTimeout(), c.retransmitTries());

        InitiatorResult result = connect(initiator(other));

        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f ->
                assertThat(f.notifyType()).contains(NotifyType.AUTHENTICATION_FAILED));
        assertThat(mschapv2.conversations.get()).isZero();
    }

    @Test
    void exhaustedPoolIsRefusedWithInternalAddressFailure() throws Exception {
        headend(Settings.DEFAULTS, List.of());
        InitiatorResult result = connect(initiator(standard("test", "cisco123")));

        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(InitiatorResult.Reason.REFUSED);
            assertThat(f.notifyType()).contains(NotifyType.INTERNAL_ADDRESS_FAILURE);
        });
        assertThat(services.dataPlane.all()).isEmpty();
    }

    @Test
    void noCommonIkeProposalIsRefusedWithNoProposalChosen() throws Exception {
        headend();
        services.proposals = List.of(new IkeProposal("gcm128-only", List.of(new Cipher(EncrAlgorithm.ENCR_AES_GCM_16, 128)),
                List.of(), List.of(PrfAlgorithm.PRF_HMAC_SHA2_256), List.of(DhGroup.ECP_256)));

        InitiatorResult result = connect(initiator(standard("test", "cisco123")));

        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(InitiatorResult.Reason.REFUSED);
            assertThat(f.notifyType()).contains(NotifyType.NO_PROPOSAL_CHOSEN);
        });
    }

    @Test
    void invalidKePayloadIsAnsweredWithTheRequestedGroup() throws Exception {
        headend();
        services.proposals = List.of(new IkeProposal("ecp256-only", List.of(new Cipher(EncrAlgorithm.ENCR_AES_GCM_16, 256)),
                List.of(), List.of(PrfAlgorithm.PRF_HMAC_SHA2_256), List.of(DhGroup.ECP_256)));
        IkeInitiator i = initiator(standard("test", "cisco123", pki.ca,
                InitiatorProposals.defaultIke(List.of(DhGroup.CURVE25519, DhGroup.ECP_256))));

        InitiatorResult result = connect(i);

        assertThat(result).isInstanceOf(InitiatorResult.Established.class);
        List<InMemoryNetwork.Sent> init = network.wire().stream()
                .filter(s -> s.header().exchangeType().equals(ExchangeType.IKE_SA_INIT)).toList();
        assertThat(init).hasSize(4);
        assertThat(notifies(init.get(1))).containsExactly(NotifyType.INVALID_KE_PAYLOAD);
    }

    @Test
    void cookieIsEchoedWhenTheHeadendAsksForOne() throws Exception {
        Settings d = Settings.DEFAULTS;
        headend(new Settings(0, d.halfOpenPerSource(), d.halfOpenLimit(), d.halfOpenTimeout(), d.fragmentationMtu(),
                d.forceEncapsulation(), d.retransmitTimeout(), d.retransmitTries()),
                List.of(address("10.0.0.10")));

        InitiatorResult result = connect(initiator(standard("test", "cisco123")));

        assertThat(result).isInstanceOf(InitiatorResult.Established.class);
        List<InMemoryNetwork.Sent> init = network.wire().stream()
                .filter(s -> s.header().exchangeType().equals(ExchangeType.IKE_SA_INIT)).toList();
        assertThat(init).hasSize(4);
        assertThat(notifies(init.get(1))).containsExactly(NotifyType.COOKIE);
        assertThat(notifies(init.get(2)).get(0)).as("RFC 7296 2.6: the cookie comes first").isEqualTo(NotifyType.COOKIE);
    }

    @Test
    void retransmittedRequestIsAnsweredFromTheCacheWithoutNewWork() throws Exception {
        headend();
        // Lose the headend's first answer to the EAP-MSCHAPv2 Challenge response (IKE_AUTH message 3) once.
        List<byte[]> dropped = new ArrayList<>();
        network.dropToClient = d -> {
            boolean drop = dropped.isEmpty() && header(d).messageId() == 3;
            if (drop) {
                dropped.add(d.data());
            }
            return drop;
        };
        IkeInitiator i = initiator(standard("test", "cisco123"));
        clientExecutor.execute(i::start);
        assertThat(waitFor(() -> !dropped.isEmpty(), "the answer to message 3 was sent")).isTrue();

        clock.advance(Duration.ofSeconds(3));
        clientExecutor.execute(i::tick);
        InitiatorResult result = i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result).isInstanceOf(InitiatorResult.Established.class);
        List<InMemoryNetwork.Sent> answers3 = network.wire().stream()
                .filter(s -> !s.fromClient() && s.header().messageId() == 3).toList();
        assertThat(answers3).hasSize(2);
        assertThat(answers3.get(1).datagram().data()).isEqualTo(dropped.get(0));
        assertThat(mschapv2.processed.get()).as("Challenge response and Success ack, each processed once").isEqualTo(2);
    }

    @Test
    void largeIkeAuthResponseIsFragmented() throws Exception {
        headend();
        InitiatorResult result = connect(initiator(standard("test", "cisco123")));

        assertThat(result).isInstanceOf(InitiatorResult.Established.class);
        long fragments = network.wire().stream().filter(s -> !s.fromClient() && s.header().messageId() == 1).count();
        assertThat(fragments).as("IDr, CERT, AUTH and EAP exceed 1280 octets").isGreaterThan(1);
        assertThat(network.wire().stream().filter(s -> !s.fromClient())
                .allMatch(s -> s.datagram().length() <= Settings.DEFAULTS.fragmentationMtu())).isTrue();
    }

    @Test
    void deleteFromTheClientReleasesTheLeaseAndTheChildSa() throws Exception {
        headend();
        IkeInitiator i = initiator(standard("test", "cisco123"));
        assertThat(connect(i)).isInstanceOf(InitiatorResult.Established.class);
        assertThat(waitFor(() -> services.pool.leases().size() == 1, "lease taken")).isTrue();

        clientExecutor.execute(i::delete);

        assertThat(i.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("deleted by us");
        assertThat(waitFor(() -> services.pool.leases().isEmpty() && services.dataPlane.all().isEmpty(),
                "lease and CHILD_SA released")).isTrue();
    }

    @Test
    void initialContactReplacesTheUsersOlderSessionFromTheSameAddressEachTime() throws Exception {
        headend();
        for (int n = 1; n <= 3; n++) {
            IkeInitiator i = initiator(standard("test", "cisco123"), 100 + n);
            assertThat(connect(i)).isInstanceOf(InitiatorResult.Established.class);
            int replaced = n - 1;
            assertThat(waitFor(() -> services.sessions.down.size() == replaced
                    && responder.sessions().sessions().size() == 1, "one session left after connect " + replaced)).isTrue();
        }
        assertThat(services.sessions.down).extracting(RecordingSessionListener.Down::reason)
                .containsOnly(SessionListener.DownReason.REPLACED);
        assertThat(services.sessions.down).extracting(d -> d.session().sessionId())
                .containsExactly(services.sessions.up.get(0).sessionId(), services.sessions.up.get(1).sessionId());
        assertThat(responder.sessions().sessions().get(0).sessionId()).isEqualTo(services.sessions.up.get(2).sessionId());
        assertThat(services.pool.leases()).hasSize(1);
    }

    @Test
    void sessionDownCarriesTheDataPlanesFinalCounters() throws Exception {
        headend();
        IkeInitiator i = initiator(standard("test", "cisco123"));
        assertThat(connect(i)).isInstanceOf(InitiatorResult.Established.class);
        assertThat(waitFor(() -> services.dataPlane.all().size() == 1, "CHILD_SA installed")).isTrue();
        int inbound = services.dataPlane.all().get(0).inboundSpi();
        ChildSaCounters traffic = new ChildSaCounters(3, 4, 300, 400, 0, 0, 0, 0);
        services.dataPlane.counted.put(inbound, traffic);

        clientExecutor.execute(i::delete);

        assertThat(waitFor(() -> services.sessions.down.size() == 1, "session down delivered")).isTrue();
        RecordingSessionListener.Down down = services.sessions.down.get(0);
        assertThat(down.reason()).isEqualTo(SessionListener.DownReason.PEER_DELETE);
        assertThat(down.session().children()).singleElement().satisfies(c ->
                assertThat(c.counters()).as("counted up to the end, not the snapshot taken at session up")
                        .isEqualTo(traffic));
    }

    @Test
    void headendShutdownDeletesTheClientSession() throws Exception {
        headend();
        IkeInitiator i = initiator(standard("test", "cisco123"));
        assertThat(connect(i)).isInstanceOf(InitiatorResult.Established.class);

        responder.close();

        assertThat(i.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("deleted by the headend");
        assertThat(i.state()).isEqualTo(IkeInitiator.State.CLOSED);
    }

    @Test
    void deadPeerDetectionFromTheHeadendIsAnsweredAndTheSessionStaysUp() throws Exception {
        headend();
        services.dpd = Optional.of(new io.flexgate.ikev2.config.IkeProfile.Dpd(Duration.ofMillis(20),
                Duration.ofSeconds(5), true));
        IkeInitiator i = initiator(standard("test", "cisco123"));
        assertThat(connect(i)).isInstanceOf(InitiatorResult.Established.class);

        assertThat(waitFor(() -> network.wire().stream().anyMatch(s -> s.fromClient() && s.header().response()
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)), "DPD answered")).isTrue();

        InMemoryNetwork.Sent probe = network.wire().stream().filter(s -> !s.fromClient() && !s.header().response()
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)).findFirst().orElseThrow();
        InMemoryNetwork.Sent answer = network.wire().stream().filter(s -> s.fromClient() && s.header().response()
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)).findFirst().orElseThrow();
        assertThat(answer.header().messageId()).isEqualTo(probe.header().messageId());
        assertThat(answer.header().initiator()).as("sent by the original initiator").isTrue();
        assertThat(i.state()).isEqualTo(IkeInitiator.State.ESTABLISHED);
        assertThat(i.closed()).isNotDone();
    }

    @Test
    void anAuthenticatedInformationalFromANewPortMovesTheChildSa() throws Exception {
        headend();
        IkeInitiator i = initiator(standard("test", "cisco123"));
        assertThat(connect(i)).isInstanceOf(InitiatorResult.Established.class);
        int spi = waitFor(() -> services.dataPlane.all().size() == 1, "CHILD_SA installed")
                ? services.dataPlane.all().get(0).inboundSpi() : 0;
        assertThat(services.dataPlane.movedTo).as("NAT-T floating to 4500 before the install moves nothing").isEmpty();

        // The client's NAT mapping changes; its next request (an INFORMATIONAL with DELETE) comes from a new port.
        network.natFromClient = d -> new Datagram(d.data(), CLIENT_REMAPPED, d.remote());
        clientExecutor.execute(i::delete);

        assertThat(waitFor(() -> services.dataPlane.movedTo.containsKey(spi), "CHILD_SA moved")).isTrue();
        assertThat(services.dataPlane.movedTo).containsExactly(Map.entry(spi, CLIENT_REMAPPED));
        assertThat(i.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("answered at the new port")
                .isEqualTo("deleted by us");
        assertThat(network.wire().stream().filter(s -> !s.fromClient() && s.header().response()
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)).map(s -> s.datagram().remote()))
                .containsExactly(CLIENT_REMAPPED);
    }

    @Test
    void aTamperedMessageFromANewPortMovesNothing() throws Exception {
        headend();
        IkeInitiator i = initiator(standard("test", "cisco123"));
        assertThat(connect(i)).isInstanceOf(InitiatorResult.Established.class);
        assertThat(waitFor(() -> services.dataPlane.all().size() == 1, "CHILD_SA installed")).isTrue();
        // Someone sends the client's next request from another port with one bit of its ICV flipped.
        network.natFromClient = d -> {
            byte[] tampered = d.data();
            tampered[tampered.length - 1] ^= 1;
            return new Datagram(tampered, CLIENT_REMAPPED, d.remote());
        };
        clientExecutor.execute(i::delete);
        assertThat(waitFor(() -> network.wire().stream().anyMatch(s -> s.fromClient()
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)), "tampered request sent")).isTrue();

        // The genuine retransmission from the old address is answered, and nothing moved.
        network.natFromClient = UnaryOperator.identity();
        clock.advance(Duration.ofSeconds(3));
        clientExecutor.execute(i::tick);
        assertThat(i.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("deleted by us");
        assertThat(services.dataPlane.movedTo).isEmpty();
        assertThat(network.wire().stream().filter(s -> !s.fromClient() && s.header().response()
                && s.header().exchangeType().equals(ExchangeType.INFORMATIONAL)).map(s -> s.datagram().remote()))
                .containsExactly(CLIENT_NATT);
    }

    @Test
    void serverCertificateFromAnotherCaIsNotTrustedAndNoPasswordIsSent() throws Exception {
        headend();
        InitiatorResult result = connect(initiator(standard("test", "cisco123", otherPki.ca,
                InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)))));

        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(InitiatorResult.Reason.SERVER_NOT_TRUSTED);
            assertThat(f.message()).contains("not trusted");
        });
        assertThat(network.wire().stream().filter(s -> s.fromClient()).count()).as("IKE_SA_INIT and the first IKE_AUTH only")
                .isEqualTo(2);
    }

    @Test
    void serverCertificateForAnotherNameIsNotTrusted() throws Exception {
        headend();
        InitiatorConfig c = standard("test", "cisco123");
        InitiatorConfig wrongName = new InitiatorConfig(c.local(), c.localNatT(), c.remote(), c.idType(), c.identity(),
                c.eapIdentity(), c.password(), c.eapMethod(), c.eapParameters(), c.trustedCas(),
                Optional.of("vpn.example.net"), c.ikeProposals(), c.espProposals(), c.vendorIds(), c.fragmentMtu(),
                c.retransmitTimeout(), c.retransmitTries());

        InitiatorResult result = connect(initiator(wrongName));

        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo(InitiatorResult.Reason.SERVER_NOT_TRUSTED);
            assertThat(f.message()).contains("not issued to vpn.example.net");
        });
    }

    @Test
    void silentHeadendEndsInTimeoutAfterTheConfiguredRetransmissions() throws Exception {
        headend();
        network.dropToClient = d -> true;
        IkeInitiator i = initiator(standard("test", "cisco123"));
        List<IkeInitiator.State> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        i.onStateChange(states::add);
        clientExecutor.submit(i::start).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        for (int tick = 0; tick <= 3; tick++) {
            clock.advance(Duration.ofSeconds(2L << tick)); // 2, 4, 8, 16 s: RFC 7296 2.1 exponential back-off
            clientExecutor.submit(i::tick).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        InitiatorResult result = i.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result).isInstanceOfSatisfying(InitiatorResult.Failed.class, f ->
                assertThat(f.reason()).isEqualTo(InitiatorResult.Reason.TIMEOUT));
        assertThat(network.wire().stream().filter(InMemoryNetwork.Sent::fromClient).count())
                .as("the first IKE_SA_INIT and 3 retransmissions").isEqualTo(4);
        assertThat(states).containsExactly(IkeInitiator.State.INIT_SENT, IkeInitiator.State.FAILED);
    }

    // ---- helpers ----

    private List<ExchangeType> exchanges(boolean fromClient) {
        return network.wire().stream().filter(s -> s.fromClient() == fromClient).map(s -> s.header().exchangeType())
                .toList();
    }

    private static List<NotifyType> notifies(InMemoryNetwork.Sent s) {
        DecodeResult r = IkeMessageCodec.decode(s.datagram().data());
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok) r).message().payloads(NotifyPayload.class).stream().map(NotifyPayload::notifyType)
                .toList();
    }

    /** A bounded wait on a condition that other threads make true. */
    static boolean waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }

    static SecureRandom seeded(long seed) {
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

    static MsChapV2Method.Config mschapConfig() {
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

    /** No AnyConnect XML profiles configured (the tests' profiles name none). */
    private static final class NoProfiles implements AnyConnectProfiles {
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
