package io.flexgate.ikev2.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.engine.Settings;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.DeletePayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.ProtocolId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the headend's own IKE SA rekey (RFC 7296 section 1.3.2) deals with the client's answers: INVALID_KE_PAYLOAD
 * (section 1.3.2: retry with the group asked for), TEMPORARY_FAILURE (section 2.25: retry later),
 * NO_PROPOSAL_CHOSEN (no retry; the session ends at the hard lifetime) and silence (retransmission of the same
 * request with back-off, section 2.1).
 */
class IkeRekeyAnswersTest extends RekeyHarness {

    /** Short retransmission and retry waits, so that each test takes about one lifetime. */
    private static final Duration RETRANSMIT = Duration.ofMillis(150);

    @Override
    Settings settings() {
        Settings d = Settings.DEFAULTS;
        return new Settings(d.cookieThreshold(), d.halfOpenPerSource(), d.halfOpenLimit(), d.halfOpenTimeout(),
                d.fragmentationMtu(), d.forceEncapsulation(), RETRANSMIT, d.retransmitTries());
    }

    @Test
    void invalidKePayloadIsFollowedByARetryWithTheAskedGroup() throws Exception {
        connect();
        RekeyPeer.Received first = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        assertThat(first.message().first(KePayload.class).orElseThrow().group()).isEqualTo(DhGroup.ECP_256);
        peer.respond(first, List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD, Bytes.of(new byte[] {0, 31}))));

        RekeyPeer.Received retry = peer.nextRequestAfter(ExchangeType.CREATE_CHILD_SA, first);
        assertThat(retry.header().messageId()).isEqualTo(first.header().messageId() + 1);
        assertThat(retry.message().first(KePayload.class).orElseThrow().group()).isEqualTo(DhGroup.CURVE25519);
        RekeyPeer.Sa next = peer.answerIkeRekey(retry, peer.half(DhGroup.CURVE25519, (byte) 0x42));
        peer.respond(peer.next(ExchangeType.INFORMATIONAL, false), List.of());

        ExchangeTest.waitFor(() -> responder.sessions().sessions().get(0).ike().initiatorSpi() == next.spiI,
                "session on the new SA");
        assertThat(responder.sessions().sessions().get(0).ike().dhGroup()).isEqualTo(DhGroup.CURVE25519.value());
    }

    @Test
    void temporaryFailureIsRetriedLater() throws Exception {
        connect();
        RekeyPeer.Received first = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        peer.respond(first, List.of(NotifyPayload.of(NotifyType.TEMPORARY_FAILURE)));

        RekeyPeer.Received retry = peer.nextRequestAfter(ExchangeType.CREATE_CHILD_SA, first);
        assertThat(retry.header().messageId()).isEqualTo(first.header().messageId() + 1);
        RekeyPeer.Sa next = peer.answerIkeRekey(retry, peer.half(DhGroup.ECP_256, (byte) 0x42));
        peer.respond(peer.next(ExchangeType.INFORMATIONAL, false), List.of());

        ExchangeTest.waitFor(() -> responder.sessions().sessions().get(0).ike().initiatorSpi() == next.spiI,
                "session on the new SA");
    }

    @Test
    void noProposalChosenEndsTheSessionAtTheHardLifetime() throws Exception {
        connect();
        RekeyPeer.Received first = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        peer.respond(first, List.of(NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN)));

        // No retry: the next request (other than a retransmission of the refused one, sent before our answer
        // came in) is the DELETE of the IKE SA when its lifetime is over.
        RekeyPeer.Received delete = peer.nextAfter(first);
        assertThat(delete.header().exchangeType()).isEqualTo(ExchangeType.INFORMATIONAL);
        assertThat(delete.message().first(DeletePayload.class)).hasValueSatisfying(d ->
                assertThat(d.protocol()).isEqualTo(ProtocolId.IKE));
        ExchangeTest.waitFor(() -> responder.sessions().sessions().isEmpty() && services.pool.leases().isEmpty()
                && services.dataPlane.all().isEmpty(), "session, lease and CHILD_SA gone");
    }

    @Test
    void unansweredRekeyIsRetransmittedUnchanged() throws Exception {
        connect();
        RekeyPeer.Received first = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        RekeyPeer.Received again = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        assertThat(again.header().messageId()).isEqualTo(first.header().messageId());
        assertThat(again.message().first(KePayload.class).orElseThrow().data())
                .isEqualTo(first.message().first(KePayload.class).orElseThrow().data());

        RekeyPeer.Sa next = peer.answerIkeRekey(again, peer.half(DhGroup.ECP_256, (byte) 0x42));
        peer.respond(peer.next(ExchangeType.INFORMATIONAL, false), List.of());
        ExchangeTest.waitFor(() -> responder.sessions().sessions().get(0).ike().initiatorSpi() == next.spiI,
                "session on the new SA");
    }
}
