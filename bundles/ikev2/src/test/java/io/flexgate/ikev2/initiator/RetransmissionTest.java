package io.flexgate.ikev2.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.transport.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The initiator's retransmission schedule (RFC 7296 section 2.1: the timeout doubles, the tries are bounded) and
 * its bounded IKE_SA_INIT restarts on COOKIE (section 2.6) and INVALID_KE_PAYLOAD (section 1.2).
 */
class RetransmissionTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void timeoutDoublesUntilTheTriesAreSpent() {
        Retransmission r = new Retransmission(clock, Duration.ofSeconds(2), 2);
        List<Datagram> request = List.of(new Datagram(new byte[] {1}, address(500), address(500)));
        r.sent(7, request);

        assertThat(r.due()).isInstanceOf(Retransmission.Due.Nothing.class);
        clock.advance(Duration.ofSeconds(2));
        assertThat(r.due()).isEqualTo(new Retransmission.Due.Resend(7, 1, request));
        clock.advance(Duration.ofSeconds(3));
        assertThat(r.due()).as("the second wait is 4 s").isInstanceOf(Retransmission.Due.Nothing.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(r.due()).isEqualTo(new Retransmission.Due.Resend(7, 2, request));
        clock.advance(Duration.ofSeconds(8));
        assertThat(r.due()).isEqualTo(new Retransmission.Due.Exhausted(2));
        assertThat(r.awaited()).isEmpty();
    }

    @Test
    void answeredRequestIsNotSentAgain() {
        Retransmission r = new Retransmission(clock, Duration.ofSeconds(2), 2);
        r.sent(3, List.of());
        assertThat(r.awaited()).contains(3L);

        r.clear();
        clock.advance(Duration.ofSeconds(10));

        assertThat(r.due()).isInstanceOf(Retransmission.Due.Nothing.class);
    }

    @Test
    void cookieIsEchoedAndAHeadendThatKeepsAskingIsGivenUpOn() {
        InitRetry retry = new InitRetry();
        IkeMessage cookie = response(NotifyPayload.of(NotifyType.COOKIE, Bytes.of(new byte[] {9, 9, 9, 9})));

        for (int i = 0; i < InitRetry.MAX_INIT_RETRIES; i++) {
            assertThat(retry.decide(cookie, InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)), DhGroup.ECP_256))
                    .isInstanceOf(InitRetry.Decision.Again.class);
        }
        assertThat(retry.cookie()).hasValueSatisfying(c -> assertThat(c).containsExactly(9, 9, 9, 9));
        assertThat(retry.decide(cookie, InitiatorProposals.defaultIke(List.of(DhGroup.ECP_256)), DhGroup.ECP_256))
                .isInstanceOf(InitRetry.Decision.GiveUp.class);
    }

    @Test
    void invalidKeForAGroupWeOfferedRetriesWithItAndOneWeDidNotOfferGivesUp() {
        InitRetry retry = new InitRetry();
        List<io.flexgate.ikev2.message.SaPayload.Proposal> offered = InitiatorProposals.defaultIke(
                List.of(DhGroup.ECP_256, DhGroup.CURVE25519));

        assertThat(retry.decide(invalidKe(31), offered, DhGroup.ECP_256))
                .isEqualTo(new InitRetry.Decision.Again(java.util.Optional.empty(), DhGroup.CURVE25519));
        assertThat(retry.decide(invalidKe(14), offered, DhGroup.CURVE25519))
                .isInstanceOf(InitRetry.Decision.GiveUp.class);
        assertThat(retry.decide(response(), offered, DhGroup.CURVE25519)).isInstanceOf(InitRetry.Decision.Proceed.class);
    }

    private static IkeMessage invalidKe(int group) {
        return response(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, Bytes.of(new byte[] {(byte) (group >> 8),
                (byte) group})));
    }

    private static IkeMessage response(NotifyPayload... notifies) {
        return new IkeMessage(IkeHeader.of(1, 0, ExchangeType.IKE_SA_INIT, false, true, 0), false, List.of(notifies));
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T21:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
