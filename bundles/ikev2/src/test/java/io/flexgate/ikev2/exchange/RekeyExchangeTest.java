package io.flexgate.ikev2.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.session.SessionInfo;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.message.DeletePayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The headend rekeys the IKE SA itself when the profile's lifetime runs out (RFC 7296 sections 1.3.2, 2.18), and
 * resolves simultaneous IKE SA and CHILD_SA rekeys by the client with the nonces (sections 2.8.1, 2.8.2). The client's side is
 * {@link RekeyPeer}, which takes over the initiator's IKE SA once it is established and lets each test order the
 * messages and choose the client's nonces. The session must keep its Virtual-Access, lease and CHILD_SA throughout.
 */
class RekeyExchangeTest extends RekeyHarness {

    @Test
    void headendRekeysTheIkeSaAtItsLifetimeAndTheSessionKeepsEverything() throws Exception {
        SessionInfo before = connect();
        RekeyPeer.Sa old = peer.sas.get(0);

        RekeyPeer.Received request = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        assertThat(request.sa()).isSameAs(old);
        assertThat(request.header().initiator()).as("the headend is the responder of the old SA").isFalse();
        SaPayload.Proposal offered = request.message().first(SaPayload.class).orElseThrow().proposals().get(0);
        assertThat(offered.protocol()).isEqualTo(ProtocolId.IKE);
        assertThat(offered.spi().length()).isEqualTo(8);
        RekeyPeer.Sa next = peer.answerIkeRekey(request, peer.half(DhGroup.ECP_256, (byte) 0x42));

        // The headend deletes the old IKE SA on it, as the initiator of the rekey (section 2.18).
        headendDeletes(old);

        ExchangeTest.waitFor(() -> responder.sessions().sessions().get(0).ike().initiatorSpi() == next.spiI, "session on the new SA");
        SessionInfo after = responder.sessions().sessions().get(0);
        assertThat(after.ike().initiatedByUs()).isTrue();
        assertThat(after.ike().responderSpi()).isEqualTo(next.spiR);
        assertThat(after.sessionId()).isEqualTo(before.sessionId());
        assertThat(after.virtualAccess()).isEqualTo(before.virtualAccess());
        assertThat(after.assignedAddress()).isEqualTo(before.assignedAddress());
        assertThat(after.children()).extracting(SessionInfo.ChildSaInfo::inboundSpi)
                .isEqualTo(before.children().stream().map(SessionInfo.ChildSaInfo::inboundSpi).toList());
        assertThat(services.pool.leases()).hasSize(1);
        assertThat(services.dataPlane.all()).hasSize(1);

        // The new SA works with the roles turned: the client, now its responder, checks liveness on it.
        long id = peer.request(next, ExchangeType.INFORMATIONAL, List.of());
        RekeyPeer.Received answer = peer.next(ExchangeType.INFORMATIONAL, true);
        assertThat(answer.sa()).isSameAs(next);
        assertThat(answer.header().messageId()).isEqualTo(id).isZero();
        assertThat(answer.header().initiator()).as("the headend is the original initiator of the new SA").isTrue();
    }

    /** The three IKE SAs of a collision as the client holds them. */
    private record IkeCollision(RekeyPeer.Sa old, RekeyPeer.Sa clientSa, RekeyPeer.Sa headendSa) {
    }

    /**
     * The headend's IKE SA rekey request arrives; the client sends its own rekey of the same SA before answering,
     * completes it, then answers the headend's. The client's nonces are all {@code clientRequestFill} in its own
     * request and all {@code clientAnswerFill} in its answer, which decides the SA with the lowest nonce.
     */
    private IkeCollision ikeCollision(byte clientRequestFill, byte clientAnswerFill) throws Exception {
        RekeyPeer.Sa old = peer.sas.get(0);
        RekeyPeer.Received headendRequest = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        RekeyPeer.Half clientHalf = peer.half(DhGroup.ECP_256, clientRequestFill);
        peer.requestIkeRekey(old, clientHalf);
        RekeyPeer.Sa clientSa = peer.completeIkeRekey(peer.next(ExchangeType.CREATE_CHILD_SA, true), clientHalf);
        RekeyPeer.Sa headendSa = peer.answerIkeRekey(headendRequest, peer.half(DhGroup.ECP_256, clientAnswerFill));
        return new IkeCollision(old, clientSa, headendSa);
    }

    /** The headend deletes {@code expected} (and nothing else first); the client confirms. */
    private void headendDeletes(RekeyPeer.Sa expected) throws Exception {
        RekeyPeer.Received delete = peer.next(ExchangeType.INFORMATIONAL, false);
        assertThat(delete.sa()).isSameAs(expected);
        assertThat(delete.message().first(DeletePayload.class)).hasValueSatisfying(d ->
                assertThat(d.protocol()).isEqualTo(ProtocolId.IKE));
        peer.respond(delete, List.of());
    }

    /** The client sends an INFORMATIONAL request (a DELETE, or nothing: DPD) on {@code on}; the headend answers. */
    private void clientAsks(RekeyPeer.Sa on, List<io.flexgate.ikev2.message.IkePayload> payloads) throws Exception {
        peer.request(on, ExchangeType.INFORMATIONAL, payloads);
        assertThat(peer.next(ExchangeType.INFORMATIONAL, true).sa()).isSameAs(on);
    }

    @Test
    void collisionWhereTheClientsSaHoldsTheLowestNonceKeepsTheHeadendsSa() throws Exception {
        SessionInfo before = connect();
        // The client's own request carries zeros: its new SA is the redundant one.
        IkeCollision c = ikeCollision((byte) 0x00, (byte) 0xFF);

        // The headend's SA survives: the headend deletes the old SA, the client deletes its redundant one.
        headendDeletes(c.old());
        clientAsks(c.clientSa(), List.of(DeletePayload.ikeSa()));

        ExchangeTest.waitFor(() -> responder.sessions().sessions().get(0).ike().initiatorSpi() == c.headendSa().spiI,
                "session on the headend's SA");
        assertThat(responder.sessions().sessions().get(0).ike().initiatedByUs()).isTrue();
        assertSessionKept(before);
    }

    @Test
    void collisionWhereTheHeadendsSaHoldsTheLowestNonceKeepsTheClientsSa() throws Exception {
        SessionInfo before = connect();
        // The client's answer to the headend's rekey carries zeros: the headend's new SA is the redundant one.
        IkeCollision c = ikeCollision((byte) 0xFF, (byte) 0x00);

        // The headend deletes its redundant SA on that SA; the client, initiator of the survivor, deletes the old.
        headendDeletes(c.headendSa());
        clientAsks(c.old(), List.of(DeletePayload.ikeSa()));

        SessionInfo after = responder.sessions().sessions().get(0);
        assertThat(after.ike().initiatorSpi()).isEqualTo(c.clientSa().spiI);
        assertThat(after.ike().initiatedByUs()).isFalse();
        assertSessionKept(before);
        // The surviving SA carries on: the client's liveness check on it is answered.
        clientAsks(c.clientSa(), List.of());
    }

    /** The inbound SPIs (at the headend) of the CHILD_SAs of a collision. */
    private record ChildCollision(SessionInfo before, int old, int headendsPair, int clientsPair, int clientSpiOfItsPair) {
    }

    /**
     * The data plane reports the soft lifetime of the session's CHILD_SA, so the headend rekeys it; the client
     * rekeys the same CHILD_SA before answering (nonces {@code clientRequestFill}), then answers the headend's
     * (nonce {@code clientAnswerFill}).
     */
    private ChildCollision childCollision(byte clientRequestFill, byte clientAnswerFill) throws Exception {
        services.lifetime = Duration.ofDays(1);
        SessionInfo before = connect();
        SessionInfo.ChildSaInfo old = before.children().get(0);
        services.dataPlane.events.get(old.inboundSpi()).softExpired(old.inboundSpi());
        RekeyPeer.Received headendRequest = peer.next(ExchangeType.CREATE_CHILD_SA, false);
        int clientSpi = peer.requestChildRekey(peer.sas.get(0), headendRequest, old.outboundSpi(), clientRequestFill);
        RekeyPeer.Received answer = peer.next(ExchangeType.CREATE_CHILD_SA, true);
        peer.answerChildRekey(headendRequest, clientAnswerFill);
        return new ChildCollision(before, old.inboundSpi(), firstSpi(headendRequest), firstSpi(answer), clientSpi);
    }

    private static int firstSpi(RekeyPeer.Received r) {
        return RekeyPeer.espSpi(r.message().first(SaPayload.class).orElseThrow().proposals().get(0).spi());
    }

    /** The headend deletes the CHILD_SA it receives on {@code inboundSpi}; the client confirms. */
    private void headendDeletesChild(int inboundSpi) throws Exception {
        RekeyPeer.Received delete = peer.next(ExchangeType.INFORMATIONAL, false);
        assertThat(delete.message().first(DeletePayload.class).orElseThrow().spis()).extracting(RekeyPeer::espSpi)
                .containsExactly(inboundSpi);
        peer.respond(delete, List.of());
    }

    private static DeletePayload espDelete(int spi) {
        return new DeletePayload(ProtocolId.ESP, 4, List.of(io.flexgate.ikev2.message.Bytes.of(RekeyPeer.espSpi(spi))));
    }

    /** Only {@code survivor} is left, in the data plane and in the session; lease and Virtual-Access kept. */
    private void assertOnlyChild(ChildCollision c, int survivor) throws Exception {
        ExchangeTest.waitFor(() -> services.dataPlane.installed.keySet().equals(java.util.Set.of(survivor)), "survivor installed");
        ExchangeTest.waitFor(() -> responder.sessions().sessions().get(0).children().stream()
                .map(SessionInfo.ChildSaInfo::inboundSpi).toList().equals(List.of(survivor)), "the session shows it");
        assertThat(services.pool.leases()).hasSize(1);
        assertThat(responder.sessions().sessions().get(0).virtualAccess()).isEqualTo(c.before().virtualAccess());
    }

    @Test
    void childCollisionWhereTheClientsPairHoldsTheLowestNonceKeepsTheHeadendsPair() throws Exception {
        ChildCollision c = childCollision((byte) 0x00, (byte) 0xFF);

        // The client's pair is redundant: the headend deletes the old pair, the client its own new one.
        headendDeletesChild(c.old());
        clientAsks(peer.sas.get(0), List.of(espDelete(c.clientSpiOfItsPair())));

        assertOnlyChild(c, c.headendsPair());
    }

    @Test
    void childCollisionWhereTheHeadendsPairHoldsTheLowestNonceKeepsTheClientsPair() throws Exception {
        ChildCollision c = childCollision((byte) 0xFF, (byte) 0x00);

        // The headend's pair is redundant: the headend deletes it; the client deletes the old pair.
        headendDeletesChild(c.headendsPair());
        int oldOutbound = c.before().children().get(0).outboundSpi();
        clientAsks(peer.sas.get(0), List.of(espDelete(oldOutbound)));

        assertOnlyChild(c, c.clientsPair());
    }

    private void assertSessionKept(SessionInfo before) {
        List<SessionInfo> now = responder.sessions().sessions();
        assertThat(now).hasSize(1);
        assertThat(now.get(0).virtualAccess()).isEqualTo(before.virtualAccess());
        assertThat(now.get(0).assignedAddress()).isEqualTo(before.assignedAddress());
        assertThat(now.get(0).children()).extracting(SessionInfo.ChildSaInfo::inboundSpi)
                .isEqualTo(before.children().stream().map(SessionInfo.ChildSaInfo::inboundSpi).toList());
        assertThat(services.pool.leases()).hasSize(1);
        assertThat(services.dataPlane.all()).hasSize(1);
    }
}
