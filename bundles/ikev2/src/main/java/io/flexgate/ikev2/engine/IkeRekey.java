package io.flexgate.ikev2.engine;

import io.flexgate.api.Secret;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.KeyExchangeException;
import io.flexgate.ikev2.crypto.UnsupportedTransformException;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.DeletePayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import io.flexgate.ikev2.transport.Datagram;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IKE SA rekey FlexGate starts itself when the profile's {@code lifetime} runs out (RFC 7296 sections 1.3.2
 * and 2.18): CREATE_CHILD_SA with SA (our new SPI), Ni and KEi on the existing IKE SA; SKEYSEED from the old SK_d;
 * the session (CHILD_SAs, lease, Virtual-Access) moves to the new IKE SA, of which we are now the original
 * initiator; then we DELETE the old one. The peer's answer may refuse (NO_PROPOSAL_CHOSEN: the SA lives to its
 * hard lifetime), ask for another group (INVALID_KE_PAYLOAD: one retry with it), or ask us to wait
 * (TEMPORARY_FAILURE: retried later, section 2.25). A simultaneous rekey by the peer is resolved by the nonces
 * (section 2.8.2, {@link RekeyCollision}).
 */
final class IkeRekey {

    private static final Logger LOG = LoggerFactory.getLogger(IkeRekey.class);

    /** Rekey at 90 % of the lifetime, minus up to another 5 % of jitter so that many sessions spread out. */
    static final int SOFT_LIFETIME_PERCENT = 90;
    static final int JITTER_PERCENT = 5;
    /** INVALID_KE_PAYLOAD answers we follow for one rekey (a loop breaker against a peer that keeps changing). */
    static final int MAX_INVALID_KE_RETRIES = 2;
    /** Retries after TEMPORARY_FAILURE, each after a growing wait; after that the SA lives to its lifetime. */
    static final int MAX_TEMPORARY_FAILURE_RETRIES = 5;
    private static final int IKE_SPI_LENGTH = 8;

    private final Responder r;

    IkeRekey(Responder responder) {
        this.r = responder;
    }

    /**
     * Our rekey in flight: the request's message ID, our new SPI (the new SA's initiator SPI), our nonce, our key
     * exchange and the transforms we offered.
     */
    record Local(long messageId, long newSpi, byte[] ni, KeyExchange.Ephemeral ephemeral, IkeSaTransforms offered,
            int keRetries, int temporaryFailures) {
    }

    /** Schedules our rekey and the hard lifetime of an IKE SA that has just been established or rekeyed. */
    void schedule(IkeSa sa) {
        if (sa.profile == null || sa.profile.lifetime().isZero()) {
            return;
        }
        Duration lifetime = sa.profile.lifetime();
        long millis = lifetime.toMillis();
        long jitter = (long) (r.random.nextDouble() * millis * JITTER_PERCENT / 100);
        Duration soft = Duration.ofMillis(millis * SOFT_LIFETIME_PERCENT / 100 - jitter);
        r.schedule(sa, soft, () -> start(sa, 0, 0, Optional.empty()));
        r.schedule(sa, lifetime, () -> {
            if (sa.state == IkeSa.State.ESTABLISHED) {
                LOG.warn("{}:IKE SA lifetime of {} s expired without a rekey: deleting the session", sa.logId(),
                        lifetime.toSeconds());
                r.informationalExchange().deleteAndRemove(sa, DownReason.LIFETIME_EXPIRED);
            }
        });
    }

    /** Sends our CREATE_CHILD_SA for the IKE SA. On the SA's executor. */
    void start(IkeSa sa, int keRetries, int temporaryFailures, Optional<DhGroup> askedGroup) {
        if (sa.state != IkeSa.State.ESTABLISHED || sa.localIkeRekey != null) {
            return; // rekeyed by the peer meanwhile, going away, or ours already runs
        }
        if (sa.outstandingRequestId != -1) {
            r.schedule(sa, r.settings.retransmitTimeout(), () -> start(sa, keRetries, temporaryFailures, askedGroup));
            return;
        }
        DhGroup group = askedGroup.orElse(sa.transforms.dhGroup());
        Optional<KeyExchange> kex = r.suite.keyExchange(group);
        if (kex.isEmpty()) {
            LOG.warn("{}:IKE SA rekey: group {} cannot be computed; the SA lives to its lifetime", sa.logId(),
                    group.name());
            return;
        }
        IkeSaTransforms t = sa.transforms;
        IkeSaTransforms offered = new IkeSaTransforms(t.encr(), t.encrKeyBits(), t.prf(), t.integ(), group);
        long newSpi = r.newResponderSpi();
        byte[] ni = new byte[SaInitExchange.NONCE_LENGTH];
        r.random.nextBytes(ni);
        KeyExchange.Ephemeral ephemeral = kex.get().generate(r.random);
        List<Transform> transforms = new ArrayList<>();
        transforms.add(offered.encrKeyBits() > 0 ? Transform.of(offered.encr(), offered.encrKeyBits())
                : Transform.of(offered.encr()));
        transforms.add(Transform.of(offered.prf()));
        if (!offered.integ().equals(io.flexgate.ikev2.crypto.IntegAlgorithm.NONE)) {
            transforms.add(Transform.of(offered.integ()));
        }
        transforms.add(Transform.of(group));
        Proposal proposal = new Proposal(1, ProtocolId.IKE, Bytes.of(ByteBuffer.allocate(IKE_SPI_LENGTH)
                .putLong(newSpi).array()), transforms);
        LOG.info("{}:IKE SA lifetime {} s nearly reached: rekeying the IKE SA ({})", sa.logId(),
                sa.profile.lifetime().toSeconds(), offered);
        long id = r.informationalExchange().sendRequest(sa, ExchangeType.CREATE_CHILD_SA, List.of(
                new SaPayload(List.of(proposal)), new NoncePayload(Bytes.of(ni)),
                new KePayload(group, Bytes.of(ephemeral.publicValue()))));
        sa.localIkeRekey = new Local(id, newSpi, ni, ephemeral, offered, keRetries, temporaryFailures);
        r.informationalExchange().retransmit(sa, id, 1, () -> {
            LOG.warn("{}:peer {} did not answer our IKE SA rekey: session removed", sa.logId(),
                    sa.remote.getAddress().getHostAddress());
            abandon(sa);
            r.remove(sa, DownReason.DPD_TIMEOUT);
        });
    }

    /** The response to our CREATE_CHILD_SA for the IKE SA. On the SA's executor. */
    void onResponse(IkeSa sa, Datagram datagram, IkeHeader header) {
        Local rekey = sa.localIkeRekey;
        DecodeResult result = IkeMessageCodec.decode(datagram.data(), sa.ciphers.inbound(), sa.reassembler);
        if (!(result instanceof DecodeResult.Ok ok)) {
            return;
        }
        sa.outstandingRequestId = -1;
        sa.outstandingRequest = null;
        sa.lastInbound = r.clock.instant();
        sa.localIkeRekey = null; // its key exchange is closed below
        IkeMessage response = ok.message();
        LOG.info("{}:Received {}", sa.logId(), response.summary());
        PacketTrace.received(sa, response, datagram);
        try (KeyExchange.Ephemeral ephemeral = rekey.ephemeral()) {
            Optional<NotifyPayload> error = response.payloads(NotifyPayload.class).stream()
                    .filter(n -> n.notifyType().isError()).findFirst();
            if (error.isPresent()) {
                refused(sa, rekey, error.get());
                return;
            }
            Optional<Proposal> accepted = response.first(SaPayload.class).flatMap(p -> p.proposals().stream()
                    .findFirst()).filter(p -> p.protocol().equals(ProtocolId.IKE) && p.spi().length() == IKE_SPI_LENGTH);
            Optional<NoncePayload> nr = response.first(NoncePayload.class);
            Optional<KePayload> ke = response.first(KePayload.class);
            if (accepted.isEmpty() || nr.isEmpty() || ke.isEmpty() || !ke.get().group().equals(ephemeral.group())) {
                LOG.warn("{}:peer's answer to our IKE SA rekey lacks SA, nonce or KE ({}); the SA lives to its "
                        + "lifetime", sa.logId(), response.summary());
                return;
            }
            long peerSpi = ByteBuffer.wrap(accepted.get().spi().toByteArray()).getLong();
            byte[] nonceR = nr.get().nonce().toByteArray();
            IkeSa next = new IkeSa(sa.sessionId, rekey.newSpi(), peerSpi, sa.remote, sa.local, sa.created);
            next.weInitiated = true;
            try (Secret shared = ephemeral.agree(ke.get().data().toByteArray())) {
                deriveKeys(sa, next, rekey.offered(), shared, rekey.ni(), nonceR, true);
            } catch (KeyExchangeException | UnsupportedTransformException e) {
                next.wipe();
                LOG.warn("{}:IKE SA rekey keys: {}; the SA lives to its lifetime", sa.logId(), e.getMessage());
                return;
            }
            complete(sa, next);
        }
    }

    /** Keys of the new IKE SA (section 2.18): SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr), new SPIs. */
    void deriveKeys(IkeSa old, IkeSa next, IkeSaTransforms transforms, Secret shared, byte[] ni, byte[] nr,
            boolean weInitiated) throws UnsupportedTransformException {
        next.transforms = transforms;
        next.prf = r.cipherFactory.prf(transforms);
        next.kdf = r.cipherFactory.keyDerivation(transforms);
        try (Secret skeyseed = old.kdf.rekeySkeyseed(old.keys.skD(), shared, ni, nr)) {
            next.keys = next.kdf.ikeSaKeys(skeyseed, ni, nr, next.initiatorSpi, next.responderSpi,
                    r.cipherFactory.keyLengths(transforms));
        }
        next.ciphers = r.cipherFactory.create(transforms, next.keys, weInitiated);
        next.nonceI = ni.clone();
        next.nonceR = nr.clone();
        next.expectedRequestId = 0; // section 2.18: the new IKE SA starts its message IDs at 0
        next.nextRequestId = 0;
    }

    /**
     * Our rekey succeeded with {@code next}. Without a collision the session moves to it and the old SA is
     * deleted by us. When the peer rekeyed the same SA meanwhile (the old one is already REKEYED into the peer's
     * successor), the SA made with the lowest nonce is redundant and deleted by whoever made it (section 2.8.2).
     */
    private void complete(IkeSa old, IkeSa next) {
        IkeSa peers = old.rekeyedInto;
        if (peers == null && old.state == IkeSa.State.ESTABLISHED) {
            old.handOver(next);
            r.adopt(next);
            LOG.info("{}:IKE SA rekeyed by us: new SPIs {}/{} ({}), {} CHILD_SA(s) moved to it", old.logId(),
                    Long.toHexString(next.initiatorSpi), Long.toHexString(next.responderSpi), next.transforms,
                    next.children.size());
            established(next);
            retire(old);
            return;
        }
        if (peers == null) {
            LOG.info("{}:our IKE SA rekey completed after the SA went {}: the new SA is deleted again", old.logId(),
                    old.state);
            r.adopt(next);
            retire(next);
            return;
        }
        r.adopt(next);
        if (RekeyCollision.firstIsRedundant(next.nonceI, next.nonceR, peers.nonceI, peers.nonceR)) {
            LOG.info("{}:IKE SA rekey collision: ours ({}) holds the lowest nonce and is deleted; the peer's ({}) "
                    + "stays (RFC 7296 2.8.2)", old.logId(), Long.toHexString(next.initiatorSpi),
                    Long.toHexString(peers.responderSpi));
            retire(next);
            return;
        }
        LOG.info("{}:IKE SA rekey collision: the peer's ({}) holds the lowest nonce and goes; ours ({}) stays and "
                + "we delete the old SA (RFC 7296 2.8.2)", old.logId(), Long.toHexString(peers.responderSpi),
                Long.toHexString(next.initiatorSpi));
        r.onSa(peers, () -> {
            if (peers.state == IkeSa.State.ESTABLISHED) {
                peers.handOver(next);
                established(next);
                // The peer deletes its redundant SA; if it does not, the SA goes on its own.
                r.schedule(peers, r.settings.halfOpenTimeout(), () -> r.remove(peers, DownReason.PEER_DELETE));
            }
        });
        retire(old);
    }

    private void established(IkeSa next) {
        r.sessions.rekeyed(next);
        r.scheduleDpd(next);
        schedule(next);
    }

    /** Sends DELETE for a rekeyed or redundant IKE SA and removes it on the answer (or after retransmissions). */
    void retire(IkeSa sa) {
        if (sa.state == IkeSa.State.ESTABLISHED) {
            sa.state = IkeSa.State.REKEYED; // nothing of the session is on it any more
        }
        sa.retiring = true;
        long id = r.informationalExchange().sendRequest(sa, ExchangeType.INFORMATIONAL,
                List.of(new DeletePayload(ProtocolId.IKE, 0, List.of())));
        r.informationalExchange().retransmit(sa, id, 1, () -> r.remove(sa, DownReason.PEER_DELETE));
    }

    private void refused(IkeSa sa, Local rekey, NotifyPayload error) {
        NotifyType type = error.notifyType();
        if (type.equals(NotifyType.INVALID_KE_PAYLOAD)) {
            byte[] d = error.data().toByteArray();
            DhGroup asked = d.length == 2 ? DhGroup.valueOf(((d[0] & 0xFF) << 8) | (d[1] & 0xFF)) : DhGroup.NONE;
            if (rekey.keRetries() < MAX_INVALID_KE_RETRIES && !asked.equals(rekey.offered().dhGroup())
                    && r.suite.keyExchange(asked).isPresent()) {
                LOG.info("{}:peer asks for {} in our IKE SA rekey: retrying with it", sa.logId(), asked.name());
                start(sa, rekey.keRetries() + 1, rekey.temporaryFailures(), Optional.of(asked));
                return;
            }
        } else if (type.equals(NotifyType.TEMPORARY_FAILURE)
                && rekey.temporaryFailures() < MAX_TEMPORARY_FAILURE_RETRIES) {
            Duration wait = r.settings.retransmitTimeout().multipliedBy(1L << rekey.temporaryFailures());
            LOG.info("{}:peer answered TEMPORARY_FAILURE to our IKE SA rekey: retrying in {} ms", sa.logId(),
                    wait.toMillis());
            r.schedule(sa, wait, () -> start(sa, rekey.keRetries(), rekey.temporaryFailures() + 1, Optional.empty()));
            return;
        }
        LOG.warn("{}:peer refused our IKE SA rekey with {}; the SA lives to its lifetime", sa.logId(), type.name());
    }

    /** Forgets our rekey in flight (answered, superseded or given up), wiping its key exchange. */
    static void abandon(IkeSa sa) {
        Local rekey = sa.localIkeRekey;
        sa.localIkeRekey = null;
        if (rekey != null) {
            rekey.ephemeral().close();
        }
    }
}
