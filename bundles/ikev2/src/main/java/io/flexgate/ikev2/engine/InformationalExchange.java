package io.flexgate.ikev2.engine;

import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.DeletePayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.transport.Datagram;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INFORMATIONAL exchanges (RFC 7296 section 1.4): DELETE of the IKE SA or of CHILD_SAs from the peer, dead
 * peer detection in both directions, and our own DELETE when an operator clears a session or we stop.
 */
final class InformationalExchange {

    private static final Logger LOG = LoggerFactory.getLogger(InformationalExchange.class);

    private final Responder r;

    InformationalExchange(Responder responder) {
        this.r = responder;
    }

    /** A request from the peer. */
    void handle(IkeSa sa, IkeMessage request, Datagram datagram) {
        List<DeletePayload> deletes = request.payloads(DeletePayload.class);
        if (deletes.stream().anyMatch(d -> d.protocol().equals(ProtocolId.IKE))) {
            r.respond(sa, datagram, request.header(), List.of());
            LOG.info(sa.state == IkeSa.State.REKEYED ? "{}:Peer deleted the rekeyed IKE SA" : "{}:Peer deleted the IKE SA",
                    sa.logId());
            r.remove(sa, DownReason.PEER_DELETE);
            return;
        }
        List<IkePayload> reply = new ArrayList<>();
        for (DeletePayload d : deletes) {
            if (!d.protocol().equals(ProtocolId.ESP)) {
                continue;
            }
            List<Bytes> ours = new ArrayList<>();
            for (Bytes spi : d.spis()) {
                int peerSpi = ByteBuffer.wrap(spi.toByteArray()).getInt();
                sa.children.stream().filter(c -> c.outboundSpi() == peerSpi).findFirst().ifPresent(c -> {
                    if (sa.childDataPlane != null) {
                        sa.childDataPlane.remove(c.inboundSpi());
                    }
                    sa.children.remove(c);
                    sa.rekeyedByPeer.remove(c.inboundSpi());
                    ours.add(Bytes.of(ByteBuffer.allocate(4).putInt(c.inboundSpi()).array()));
                    LOG.info("{}:Peer deleted CHILD_SA {}", sa.logId(), Integer.toHexString(c.inboundSpi()));
                });
            }
            if (!ours.isEmpty()) {
                reply.add(new DeletePayload(ProtocolId.ESP, 4, ours));
            }
        }
        // An empty request is dead peer detection: the empty answer is the proof of life.
        r.respond(sa, datagram, request.header(), reply);
        if (!reply.isEmpty()) {
            r.sessions.refresh(sa);
        }
    }

    /** A response to one of our requests (DPD or DELETE). */
    void onResponse(IkeSa sa, Datagram datagram, IkeHeader header) {
        if (header.messageId() != sa.outstandingRequestId) {
            return;
        }
        DecodeResult result = IkeMessageCodec.decode(datagram.data(), sa.ciphers.inbound(), sa.reassembler);
        if (result instanceof DecodeResult.Ok ok) {
            PacketTrace.received(sa, ok.message(), datagram);
            sa.outstandingRequestId = -1;
            sa.outstandingRequest = null;
            sa.dpdOutstanding = 0;
            sa.lastInbound = r.clock.instant();
            if (sa.retiring) {
                LOG.info("{}:Peer confirmed the DELETE of IKE SA {}", sa.logId(), Long.toHexString(sa.localSpi()));
                r.remove(sa, DownReason.PEER_DELETE);
            }
        }
    }

    /**
     * Retransmits our outstanding request {@code id} with exponential back-off (RFC 7296 section 2.1) until it is
     * answered; after the configured tries {@code giveUp} runs. On the SA's executor.
     */
    void retransmit(IkeSa sa, long id, int tries, Runnable giveUp) {
        r.schedule(sa, r.settings.retransmitTimeout().multipliedBy(1L << Math.min(tries - 1, 4)), () -> {
            if (sa.outstandingRequestId != id) {
                return; // answered
            }
            if (tries > r.settings.retransmitTries()) {
                sa.outstandingRequestId = -1;
                sa.outstandingRequest = null;
                giveUp.run();
                return;
            }
            LOG.debug("{}:retransmitting request {} ({} of {})", sa.logId(), id, tries, r.settings.retransmitTries());
            r.send(sa.outstandingRequest);
            retransmit(sa, id, tries + 1, giveUp);
        });
    }

    /** One DPD tick (RFC 7296 section 2.4), on the SA's executor; reschedules itself. */
    void dpdTick(IkeSa sa) {
        if (sa.state != IkeSa.State.ESTABLISHED || sa.profile.dpd().isEmpty()) {
            return;
        }
        var dpd = sa.profile.dpd().get();
        if (sa.dpdOutstanding == 0 && sa.outstandingRequestId != -1) {
            r.schedule(sa, dpd.retry(), () -> dpdTick(sa)); // another request of ours is in flight (window size 1)
            return;
        }
        if (sa.dpdOutstanding > 0) {
            if (sa.dpdOutstanding > r.settings.retransmitTries()) {
                LOG.warn("{}:Peer {} did not answer dead peer detection: session removed", sa.logId(),
                        sa.remote.getAddress().getHostAddress());
                r.remove(sa, DownReason.DPD_TIMEOUT);
                return;
            }
            sa.dpdOutstanding++;
            r.send(sa.outstandingRequest);
            r.schedule(sa, dpd.retry(), () -> dpdTick(sa));
            return;
        }
        Duration idle = Duration.between(sa.lastInbound, r.clock.instant());
        if (dpd.periodic() || idle.compareTo(dpd.interval()) >= 0) {
            sendRequest(sa, ExchangeType.INFORMATIONAL, List.of());
            sa.dpdOutstanding = 1;
            r.schedule(sa, dpd.retry(), () -> dpdTick(sa));
        } else {
            r.schedule(sa, dpd.interval().minus(idle), () -> dpdTick(sa));
        }
    }

    /** Sends DELETE for the IKE SA (best effort: the peer's answer is not awaited) and removes the session. */
    void deleteAndRemove(IkeSa sa, DownReason reason) {
        if (sa.ciphers != null && sa.state == IkeSa.State.ESTABLISHED) {
            sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(new DeletePayload(ProtocolId.IKE, 0, List.of())));
        }
        LOG.debug("{}:Deleting IKE SA with {} ({})", sa.logId(), sa.remote.getAddress().getHostAddress(), reason);
        r.remove(sa, reason);
    }

    /** Sends a request of ours and makes it the outstanding one (window size 1); returns its message ID. */
    long sendRequest(IkeSa sa, ExchangeType exchange, List<IkePayload> payloads) {
        long id = sa.nextRequestId++;
        IkeMessage message = new IkeMessage(IkeHeader.of(sa.initiatorSpi, sa.responderSpi, exchange,
                sa.weInitiated, false, id), true, payloads);
        Datagram d = new Datagram(IkeMessageCodec.encode(message, sa.ciphers.outbound()), sa.natLocal(), sa.natRemote());
        sa.outstandingRequestId = id;
        sa.outstandingRequest = d;
        LOG.info("{}:Sending {}", sa.logId(), message.summary());
        PacketTrace.sent(sa, message, List.of(d));
        r.send(d);
        return id;
    }
}
