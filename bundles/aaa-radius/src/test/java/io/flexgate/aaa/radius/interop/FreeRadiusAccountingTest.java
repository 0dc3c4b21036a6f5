package io.flexgate.aaa.radius.interop;

import static io.flexgate.aaa.radius.accounting.Sessions.counters;
import static io.flexgate.aaa.radius.accounting.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.aaa.radius.accounting.AccountingSender;
import io.flexgate.aaa.radius.accounting.AccountingSpool;
import io.flexgate.aaa.radius.accounting.RadiusAccounting;
import io.flexgate.aaa.radius.client.RadiusServer;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener.DownReason;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounting (RFC 2866) against a real FreeRADIUS: Start and Stop land in its detail file with the right
 * attributes, and records spooled while no server answered are delivered, in order, by the next instance
 * that uses the same spool directory (a restart).
 */
class FreeRadiusAccountingTest extends WithFreeRadius {

    static final Duration DETAIL_WAIT = Duration.ofSeconds(15);

    /** Waits, bounded, for the detail file to satisfy {@code condition}; returns its text. */
    private static String awaitDetail(Predicate<String> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(DETAIL_WAIT);
        String detail = radius.detail();
        while (!condition.test(detail) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20); // the detail file is written by another process: no event to wait on
            detail = radius.detail();
        }
        return detail;
    }

    /**
     * The records still spooled once the sender has had time to take in the last acknowledgement (the
     * detail line is written before FreeRADIUS answers).
     */
    private static int drained(AccountingSender sender) throws Exception {
        Instant deadline = Instant.now().plus(DETAIL_WAIT);
        int pending = sender.pending();
        while (pending > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(10); // the acknowledgement is in flight on another thread
            pending = sender.pending();
        }
        return pending;
    }

    /** The detail record (the lines after one timestamp line) holding every marker. */
    private static String recordWith(String detail, String... markers) {
        for (String rec : detail.split("\n\n")) {
            if (java.util.Arrays.stream(markers).allMatch(rec::contains)) {
                return rec;
            }
        }
        return "";
    }

    @Test
    void startAndStopReachTheDetailFile(@TempDir Path spool) throws Exception {
        Instant up = Instant.now().minusSeconds(42);
        SessionInfo s = session(0x51, "bob", "192.168.10.5", up, counters(0, 0, 0, 0), counters(0, 0, 0, 0));
        SessionInfo ended = session(0x51, "bob", "192.168.10.5", up, counters(5, 6, 500, 600),
                counters(1, 1, 84, 84));
        try (AccountingSender sender = new AccountingSender("it", new AccountingSpool(spool),
                () -> List.of(group(live())), Duration.ofHours(1), Clock.systemUTC())) {
            RadiusAccounting accounting = new RadiusAccounting(sender, "flexgate-it", Clock.systemUTC());
            accounting.sessionUp(s);
            accounting.sessionDown(ended, DownReason.PEER_DELETE);

            String detail = awaitDetail(d -> !recordWith(d, "Acct-Status-Type = Stop", "00000051").isEmpty());
            String start = recordWith(detail, "Acct-Status-Type = Start", "00000051");
            String stop = recordWith(detail, "Acct-Status-Type = Stop", "00000051");
            assertThat(start).contains("User-Name = \"bob\"", "Framed-IP-Address = 192.168.10.5",
                    "Calling-Station-Id = \"198.18.0.2\"", "NAS-Identifier = \"flexgate-it\"");
            assertThat(stop).contains("Acct-Session-Id = \"00000051\"", "Acct-Input-Octets = 684",
                    "Acct-Output-Octets = 584", "Acct-Input-Packets = 7", "Acct-Output-Packets = 6",
                    "Acct-Terminate-Cause = User-Request", "Framed-IP-Address = 192.168.10.5");
            assertThat(stop).containsPattern("Acct-Session-Time = 4[2-9]");
            assertThat(drained(sender)).isZero();
        }
    }

    @Test
    void recordsSpooledWhileTheServerIsDownAreDeliveredInOrderAfterARestart(@TempDir Path spool) throws Exception {
        RadiusServer down = down();
        Instant up = Instant.now().minusSeconds(5);
        SessionInfo s = session(0x77, "carol", "192.168.10.6", up, counters(1, 2, 100, 200), counters(0, 0, 0, 0));
        try (AccountingSender first = new AccountingSender("before", new AccountingSpool(spool),
                () -> List.of(group(down)), Duration.ofHours(1), Clock.systemUTC())) {
            RadiusAccounting accounting = new RadiusAccounting(first, "flexgate-it", Clock.systemUTC());
            accounting.sessionUp(s);
            accounting.sessionInterim(s);
            accounting.sessionDown(s, DownReason.DPD_TIMEOUT);
        }
        assertThat(new AccountingSpool(spool).size()).isEqualTo(3);
        assertThat(radius.detail()).doesNotContain("00000077");

        try (AccountingSender second = new AccountingSender("after", new AccountingSpool(spool),
                () -> List.of(group(live())), Duration.ofHours(1), Clock.systemUTC())) {
            String detail = awaitDetail(d -> recordWith(d, "Acct-Session-Id = \"00000077\"").contains("Start")
                    && d.contains("Acct-Terminate-Cause = Lost-Carrier"));
            int start = detail.indexOf("Acct-Status-Type = Start\n\tAcct-Session-Id = \"00000077\"");
            int interim = detail.indexOf("Acct-Status-Type = Interim-Update\n\tAcct-Session-Id = \"00000077\"");
            int stop = detail.indexOf("Acct-Status-Type = Stop\n\tAcct-Session-Id = \"00000077\"");
            assertThat(start).as(detail).isNotNegative();
            assertThat(interim).isGreaterThan(start);
            assertThat(stop).isGreaterThan(interim);
            assertThat(recordWith(detail.substring(stop), "Lost-Carrier")).contains("Acct-Delay-Time = ",
                    "User-Name = \"carol\"");
            assertThat(drained(second)).isZero();
        }
    }
}
