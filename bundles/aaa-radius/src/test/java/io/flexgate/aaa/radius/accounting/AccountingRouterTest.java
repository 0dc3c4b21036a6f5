package io.flexgate.aaa.radius.accounting;

import static io.flexgate.aaa.radius.accounting.Sessions.counters;
import static io.flexgate.aaa.radius.accounting.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.aaa.radius.client.RadiusClient;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.client.RadiusServer;
import io.flexgate.aaa.radius.client.TestServer;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.flexgate.api.Secret;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener.DownReason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounting method lists: each session goes through the route its profile names, keeps it until its Stop,
 * falls over to the list's next group, gets a Stop when the gateway stops, and records spooled while no group
 * was there go out after a restart without waiting for a new session. In-process servers on free ports.
 */
class AccountingRouterTest {

    static final byte[] KEY = "acct-key".getBytes(StandardCharsets.US_ASCII);
    static final Duration TIMEOUT = Duration.ofMillis(150);
    /** Bound on waiting for a record at a server. */
    static final long WAIT_SECONDS = 10;
    static final Instant UP = Instant.parse("2026-11-28T10:00:00Z");

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Map<String, String> profileRoute = new ConcurrentHashMap<>();
    private final Map<String, List<RadiusGroup>> routeGroups = new ConcurrentHashMap<>();
    private final AccountingRouter.Routes routes = new AccountingRouter.Routes() {
        @Override
        public Optional<String> routeOf(SessionInfo s) {
            return Optional.ofNullable(profileRoute.get(s.profile()));
        }

        @Override
        public List<RadiusGroup> groupsOf(String route) {
            return routeGroups.getOrDefault(route, List.of());
        }
    };

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** An Accounting-Response to every Accounting-Request (RFC 2866 section 4.2). */
    static byte[] acknowledge(RadiusPacket request) {
        return RadiusSecurity.signResponse(RadiusPacket.of(RadiusCode.ACCOUNTING_RESPONSE, request.identifier(),
                List.of()), request.authenticator(), KEY).encode();
    }

    private TestServer server(boolean answers) throws Exception {
        TestServer s = new TestServer(answers ? AccountingRouterTest::acknowledge : r -> null);
        closing.add(s);
        return s;
    }

    private RadiusGroup group(String name, TestServer server) throws Exception {
        RadiusClient client = new RadiusClient(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16,
                Clock.systemUTC(), new SecureRandom());
        closing.add(client);
        RadiusServer s = new RadiusServer(name + "-1", server.address(), server.address(), Secret.copyOf(KEY),
                TIMEOUT, 1, Duration.ofSeconds(1));
        return new RadiusGroup(name, client, () -> List.of(s), "flexgate-test", Secret.copyOf(KEY),
                Clock.systemUTC());
    }

    private AccountingRouter router(Path spool) throws Exception {
        AccountingRouter r = new AccountingRouter(routes, new AccountingRouter.Settings(spool, "flexgate-test",
                Duration.ofHours(1), Clock.systemUTC()));
        closing.add(r);
        return r;
    }

    static SessionInfo of(String profile, long id, long octets) {
        SessionInfo s = session(id, "user" + id, "192.168.10." + id, UP, counters(1, 2, octets, octets * 2),
                counters(0, 0, 0, 0));
        return new SessionInfo(s.sessionId(), s.tunnelId(), s.virtualAccess(), profile, s.status(), s.local(),
                s.remote(), s.localId(), s.remoteId(), s.eapIdentity(), s.username(), s.assignedAddress(), s.ike(),
                s.children(), s.established());
    }

    /** The next record the server received: its Acct-Status-Type and Acct-Session-Id. */
    static String next(TestServer server) throws Exception {
        RadiusPacket p = server.received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(p).as("a record within %d s", WAIT_SECONDS).isNotNull();
        return status(p) + " " + p.text(RadiusAttributeType.ACCT_SESSION_ID).orElseThrow();
    }

    /** An Integer attribute's value (RFC 2865 section 5: 32 bits, network order). */
    static long integer(RadiusPacket p, int type) {
        byte[] v = p.attribute(type).orElseThrow().value();
        return java.nio.ByteBuffer.wrap(v).getInt() & 0xffffffffL;
    }

    static String status(RadiusPacket p) {
        return switch ((int) integer(p, RadiusAttributeType.ACCT_STATUS_TYPE)) {
            case SessionAttributes.START -> "Start";
            case SessionAttributes.STOP -> "Stop";
            case SessionAttributes.INTERIM_UPDATE -> "Interim";
            default -> "?";
        };
    }

    @Test
    void eachSessionGoesThroughTheListItsProfileNamesAndOthersAreNotAccounted(@TempDir Path spool) throws Exception {
        TestServer a = server(true);
        TestServer b = server(true);
        routeGroups.put("list a-acct", List.of(group("ga", a)));
        routeGroups.put("list b-acct", List.of(group("gb", b)));
        profileRoute.put("P1", "list a-acct");
        profileRoute.put("P2", "list b-acct");
        AccountingRouter router = router(spool);

        router.sessionUp(of("P3", 3, 0)); // names no list
        router.sessionUp(of("P1", 1, 0));
        router.sessionUp(of("P2", 2, 0));
        router.sessionDown(of("P1", 1, 100), DownReason.PEER_DELETE);
        router.sessionDown(of("P3", 3, 100), DownReason.PEER_DELETE);

        assertThat(next(a)).isEqualTo("Start 00000001");
        assertThat(next(a)).isEqualTo("Stop 00000001");
        assertThat(next(b)).isEqualTo("Start 00000002");
        assertThat(router.whenEmpty().get(WAIT_SECONDS, TimeUnit.SECONDS)).isNull();
        assertThat(a.received).isEmpty();
        assertThat(b.received).isEmpty();
        assertThat(router.openSessions()).isEqualTo(1);
        assertThat(spool.resolve("list-a-acct")).isDirectory();
    }

    @Test
    void theRouteStaysWithTheSessionUntilItsStop(@TempDir Path spool) throws Exception {
        TestServer a = server(true);
        TestServer b = server(true);
        routeGroups.put("list a-acct", List.of(group("ga", a)));
        routeGroups.put("list b-acct", List.of(group("gb", b)));
        profileRoute.put("P1", "list a-acct");
        AccountingRouter router = router(spool);

        router.sessionUp(of("P1", 7, 0));
        profileRoute.put("P1", "list b-acct"); // the profile now names another list
        router.sessionInterim(of("P1", 7, 50));
        router.sessionDown(of("P1", 7, 100), DownReason.DPD_TIMEOUT);
        router.sessionUp(of("P1", 8, 0));

        assertThat(List.of(next(a), next(a), next(a))).containsExactly("Start 00000007", "Interim 00000007",
                "Stop 00000007");
        assertThat(next(b)).isEqualTo("Start 00000008");
    }

    @Test
    void aGroupThatDoesNotAnswerHandsTheRecordToTheNextGroupOfTheList(@TempDir Path spool) throws Exception {
        TestServer silent = server(false);
        TestServer live = server(true);
        routeGroups.put("list a-acct", List.of(group("g-silent", silent), group("g-live", live)));
        profileRoute.put("P1", "list a-acct");
        AccountingRouter router = router(spool);

        router.sessionUp(of("P1", 5, 0));

        assertThat(next(silent)).isEqualTo("Start 00000005");
        assertThat(next(live)).isEqualTo("Start 00000005");
        assertThat(router.whenEmpty().get(WAIT_SECONDS, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aStoppingGatewayWritesAdminRebootStopsWithTheFreshestCounters(@TempDir Path spool) throws Exception {
        TestServer a = server(true);
        routeGroups.put("list a-acct", List.of(group("ga", a)));
        profileRoute.put("P1", "list a-acct");
        AccountingRouter router = router(spool);
        router.sessionUp(of("P1", 1, 0));
        router.sessionUp(of("P1", 2, 0));
        router.sessionDown(of("P1", 2, 10), DownReason.PEER_DELETE);

        int stopped = router.stopAll(List.of(of("P1", 1, 1000)), DownReason.SHUTDOWN);

        assertThat(stopped).isEqualTo(1);
        assertThat(router.openSessions()).isZero();
        List<RadiusPacket> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(a.received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        RadiusPacket stop = got.get(3);
        assertThat(stop).isNotNull();
        assertThat(status(stop) + " " + stop.text(RadiusAttributeType.ACCT_SESSION_ID).orElseThrow())
                .isEqualTo("Stop 00000001");
        // RFC 2866 section 5.10: 7 = Admin-Reboot; input = octets received from the peer (2000 here)
        assertThat(integer(stop, RadiusAttributeType.ACCT_TERMINATE_CAUSE)).isEqualTo(7L);
        assertThat(integer(stop, RadiusAttributeType.ACCT_INPUT_OCTETS)).isEqualTo(2000L);
    }

    @Test
    void recordsSpooledWhileTheListHadNoGroupGoOutAfterARestartWithoutANewSession(@TempDir Path spool)
            throws Exception {
        profileRoute.put("P1", "list a-acct");
        try (AccountingRouter before = new AccountingRouter(routes, new AccountingRouter.Settings(spool,
                "flexgate-test", Duration.ofHours(1), Clock.systemUTC()))) {
            before.sessionUp(of("P1", 4, 0));
            before.sessionDown(of("P1", 4, 64), DownReason.SHUTDOWN);
        }
        assertThat(new AccountingSpool(spool.resolve("list-a-acct")).size()).isEqualTo(2);

        TestServer a = server(true);
        routeGroups.put("list a-acct", List.of(group("ga", a)));
        router(spool);

        assertThat(next(a)).isEqualTo("Start 00000004");
        assertThat(next(a)).isEqualTo("Stop 00000004");
    }

    @Test
    void aGroupThatComesLaterTakesTheWaitingRecordsAtOnce(@TempDir Path spool) throws Exception {
        profileRoute.put("P1", "list a-acct");
        AccountingRouter router = router(spool); // retry interval 1 h: only the kick can deliver in time
        router.sessionUp(of("P1", 6, 0));
        assertThat(router.whenEmpty().isDone()).isFalse();

        TestServer a = server(true);
        routeGroups.put("list a-acct", List.of(group("ga", a)));
        router.kick();

        assertThat(next(a)).isEqualTo("Start 00000006");
        assertThat(router.whenEmpty().get(WAIT_SECONDS, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void periodicUpdatesOnlyForSessionsThisListenerStarted(@TempDir Path spool) throws Exception {
        TestServer a = server(true);
        routeGroups.put("list a-acct", List.of(group("ga", a)));
        profileRoute.put("P1", "list a-acct");
        AccountingRouter router = router(spool);
        router.sessionUp(of("P1", 1, 0));

        router.interimAll(List.of(of("P1", 9, 5), of("P1", 1, 5)));

        assertThat(next(a)).isEqualTo("Start 00000001");
        assertThat(next(a)).isEqualTo("Interim 00000001");
        assertThat(router.whenEmpty().get(WAIT_SECONDS, TimeUnit.SECONDS)).isNull();
        assertThat(a.received).isEmpty();
    }

    @Test
    void routeNamesAreCheckedBeforeTheyBecomeDirectories(@TempDir Path spool) {
        assertThat(AccountingRouter.directory(spool, "list a-eap-acct")).isEqualTo(spool.resolve("list-a-eap-acct"));
        assertThat(AccountingRouter.directory(spool, "group radius")).isEqualTo(spool.resolve("group-radius"));
        for (String bad : List.of("list ../etc", "list a/b", "list ", "other x", "list " + "x".repeat(65))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccountingRouter.directory(spool, bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
