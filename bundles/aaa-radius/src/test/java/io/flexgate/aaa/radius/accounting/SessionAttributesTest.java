package io.flexgate.aaa.radius.accounting;

import static io.flexgate.aaa.radius.accounting.Sessions.counters;
import static io.flexgate.aaa.radius.accounting.Sessions.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusFormatException;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener.DownReason;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accounting attributes (RFC 2866 section 5, RFC 2869 section 5.1-5.2) from a session snapshot. */
class SessionAttributesTest {

    static final Instant UP = Instant.parse("2026-11-28T10:00:00Z");

    static long integer(List<RadiusAttribute> attrs, int type) throws RadiusFormatException {
        return attrs.stream().filter(a -> a.type() == type).findFirst().orElseThrow().asInteger();
    }

    static String text(List<RadiusAttribute> attrs, int type) {
        return attrs.stream().filter(a -> a.type() == type).findFirst().orElseThrow().asText();
    }

    @Test
    void startNamesTheSessionTheUserAndTheAddresses() throws Exception {
        SessionInfo s = session(0x2a, "bob", "192.168.10.5", UP, counters(0, 0, 0, 0), counters(0, 0, 0, 0));
        List<RadiusAttribute> start = SessionAttributes.start(s, "nas-1");

        assertThat(integer(start, RadiusAttributeType.ACCT_STATUS_TYPE)).isEqualTo(1);
        assertThat(text(start, RadiusAttributeType.ACCT_SESSION_ID)).isEqualTo("0000002A");
        assertThat(text(start, RadiusAttributeType.USER_NAME)).isEqualTo("bob");
        assertThat(text(start, RadiusAttributeType.CALLING_STATION_ID)).isEqualTo("198.18.0.2");
        assertThat(start.stream().filter(a -> a.type() == RadiusAttributeType.FRAMED_IP_ADDRESS).findFirst()
                .orElseThrow().asAddress().getHostAddress()).isEqualTo("192.168.10.5");
        assertThat(start).noneMatch(a -> a.type() == RadiusAttributeType.ACCT_INPUT_OCTETS);
    }

    @Test
    void stopSumsTheChildSasCountsGigawordsAndTime() throws Exception {
        long big = (3L << 32) + 7; // 3 gigawords and 7 octets received
        SessionInfo s = session(1, "bob", "192.168.10.5", UP, counters(10, 20, 1000, big), counters(1, 2, 100, 200));
        List<RadiusAttribute> stop = SessionAttributes.stop(s, DownReason.DPD_TIMEOUT, "nas-1",
                UP.plusSeconds(125));

        assertThat(integer(stop, RadiusAttributeType.ACCT_STATUS_TYPE)).isEqualTo(2);
        assertThat(integer(stop, RadiusAttributeType.ACCT_INPUT_OCTETS)).isEqualTo(207);
        assertThat(integer(stop, RadiusAttributeType.ACCT_INPUT_GIGAWORDS)).isEqualTo(3);
        assertThat(integer(stop, RadiusAttributeType.ACCT_OUTPUT_OCTETS)).isEqualTo(1100);
        assertThat(integer(stop, RadiusAttributeType.ACCT_OUTPUT_GIGAWORDS)).isZero();
        assertThat(integer(stop, RadiusAttributeType.ACCT_INPUT_PACKETS)).isEqualTo(22);
        assertThat(integer(stop, RadiusAttributeType.ACCT_OUTPUT_PACKETS)).isEqualTo(11);
        assertThat(integer(stop, RadiusAttributeType.ACCT_SESSION_TIME)).isEqualTo(125);
        assertThat(integer(stop, RadiusAttributeType.ACCT_TERMINATE_CAUSE)).isEqualTo(2); // Lost-Carrier
    }

    /** RFC 2866 section 5.10 values. */
    @Test
    void terminateCauses() {
        assertThat(SessionAttributes.terminateCause(DownReason.PEER_DELETE)).isEqualTo(1);
        assertThat(SessionAttributes.terminateCause(DownReason.LIFETIME_EXPIRED)).isEqualTo(5);
        assertThat(SessionAttributes.terminateCause(DownReason.OPERATOR_CLEAR)).isEqualTo(6);
        assertThat(SessionAttributes.terminateCause(DownReason.DISCONNECT_REQUEST)).isEqualTo(6);
        assertThat(SessionAttributes.terminateCause(DownReason.SHUTDOWN)).isEqualTo(7);
        assertThat(SessionAttributes.terminateCause(DownReason.ERROR)).isEqualTo(9);
    }
}
