package io.flexgate.ikev2.engine;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.ikev2.config.IpsecProfile;
import io.flexgate.ikev2.crypto.DhGroup;
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
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.message.SaPayload.Transform;
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import io.flexgate.ikev2.transport.Datagram;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CREATE_CHILD_SA as the responder (RFC 7296 section 1.3): rekeying a CHILD_SA (N(REKEY_SA), new SPIs and
 * KEYMAT, with or without a PFS key exchange) and rekeying the IKE SA (new SPIs and SKEYSEED, section 2.18,
 * the session's CHILD_SAs move to the new IKE SA). The old CHILD_SA stays installed until the peer deletes it
 * (section 2.8); additional CHILD_SAs are not offered to remote-access peers (NO_ADDITIONAL_SAS).
 */
final class CreateChildSaExchange {

    private static final Logger LOG = LoggerFactory.getLogger(CreateChildSaExchange.class);

    /** Octets of an ESP SPI (RFC 4303) and of an IKE SPI (RFC 7296 section 3.3.1). */
    private static final int ESP_SPI_LENGTH = 4;
    private static final int IKE_SPI_LENGTH = 8;

    private final Responder r;
    private final IkeRekey ikeRekey;

    CreateChildSaExchange(Responder responder) {
        this.r = responder;
        this.ikeRekey = new IkeRekey(responder);
    }

    /** The IKE SA rekey we start ourselves at the profile's lifetime. */
    IkeRekey ikeRekey() {
        return ikeRekey;
    }

    /** A CREATE_CHILD_SA request from the peer, on the SA's executor. */
    void handle(IkeSa sa, IkeMessage request, Datagram datagram) {
        if (sa.state != IkeSa.State.ESTABLISHED) {
            // Section 2.25: an IKE SA that is being rekeyed or deleted answers TEMPORARY_FAILURE.
            reject(sa, request, datagram, NotifyType.TEMPORARY_FAILURE, "the IKE SA is " + sa.state);
            return;
        }
        Optional<SaPayload> offered = request.first(SaPayload.class);
        Optional<NoncePayload> nonce = request.first(NoncePayload.class);
        if (offered.isEmpty() || nonce.isEmpty()) {
            reject(sa, request, datagram, NotifyType.INVALID_SYNTAX, "no SA or nonce payload");
            return;
        }
        byte[] ni = nonce.get().nonce().toByteArray();
        if (offered.get().proposals().stream().anyMatch(p -> p.protocol().equals(ProtocolId.IKE))) {
            rekeyIke(sa, request, datagram, offered.get(), ni);
            return;
        }
        Optional<NotifyPayload> rekey = request.notification(NotifyType.REKEY_SA);
        if (sa.localIkeRekey != null) {
            // Section 2.25: a CHILD_SA request while we rekey the IKE SA is answered TEMPORARY_FAILURE.
            reject(sa, request, datagram, NotifyType.TEMPORARY_FAILURE, "we are rekeying the IKE SA");
            return;
        }
        if (rekey.isEmpty()) {
            reject(sa, request, datagram, NotifyType.NO_ADDITIONAL_SAS, "the peer asked for an additional CHILD_SA; "
                    + "a remote-access session has one");
            return;
        }
        rekeyChild(sa, request, datagram, offered.get(), ni, rekey.get());
    }

    private void rekeyChild(IkeSa sa, IkeMessage request, Datagram datagram, SaPayload offered, byte[] ni,
            NotifyPayload rekey) {
        Optional<IkeSa.ChildSa> old = rekeyedChild(sa, rekey);
        if (old.isEmpty()) {
            reject(sa, request, datagram, NotifyType.CHILD_SA_NOT_FOUND, "REKEY_SA names CHILD_SA "
                    + rekey.spi().toHex() + ", which this IKE SA does not have");
            return;
        }
        Optional<IpsecProfile> ipsec = r.services.ipsecProfile(sa.profile);
        Optional<DataPlane> dataPlane = r.services.dataPlane();
        if (ipsec.isEmpty() || dataPlane.isEmpty()) {
            reject(sa, request, datagram, NotifyType.NO_PROPOSAL_CHOSEN, ipsec.isEmpty()
                    ? "no crypto ipsec profile protects virtual-template " + sa.profile.virtualTemplate()
                    : "no data plane is installed (feature flexgate-esp)");
            return;
        }
        Optional<ProposalSelection.EspChoice> esp = ProposalSelection.selectEsp(offered, ipsec.get().transformSets(),
                r.childSas.newEspSpi(sa));
        if (esp.isEmpty()) {
            reject(sa, request, datagram, NotifyType.NO_PROPOSAL_CHOSEN, "CHILD_SA rekey: no common proposal with "
                    + "crypto ipsec profile " + ipsec.get().name() + "; peer offered " + ProposalSelection.describe(offered));
            return;
        }
        Proposal chosen = proposal(offered, esp.get().reply().number(), ProtocolId.ESP);
        Optional<KePayload> ke = request.first(KePayload.class);
        ProposalSelection.PfsChoice pfs = ProposalSelection.selectPfs(chosen, ke.map(KePayload::group), r.suite);
        if (pfs instanceof ProposalSelection.PfsChoice.InvalidKe invalid) {
            invalidKe(sa, request, datagram, ke, invalid.preferred());
            return;
        }
        if (pfs instanceof ProposalSelection.PfsChoice.Unsupported) {
            reject(sa, request, datagram, NotifyType.NO_PROPOSAL_CHOSEN, "CHILD_SA rekey: PFS in a group we do not "
                    + "compute; peer offered " + ProposalSelection.describe(offered));
            return;
        }
        List<IpPrefix> local = SessionSetup.narrow(old.get().localTs(), selectors(request, false));
        List<IpPrefix> remote = old.get().remoteTs();
        if (local.isEmpty()) {
            reject(sa, request, datagram, NotifyType.TS_UNACCEPTABLE, "CHILD_SA rekey: peer asked for "
                    + SessionSetup.prefixes(selectors(request, false)) + ", the CHILD_SA serves " + old.get().localTs());
            return;
        }
        byte[] nr = newNonce();
        Optional<DhGroup> group = pfs instanceof ProposalSelection.PfsChoice.Group g ? Optional.of(g.group())
                : Optional.empty();
        KePayload ourKe = null;
        IkeSa.ChildSa child;
        Secret shared = null;
        try {
            if (group.isPresent()) {
                try (KeyExchange.Ephemeral ephemeral = r.suite.keyExchange(group.get()).orElseThrow().generate(r.random)) {
                    shared = ephemeral.agree(ke.get().data().toByteArray());
                    ourKe = new KePayload(group.get(), Bytes.of(ephemeral.publicValue()));
                }
            }
            child = r.childSas.install(sa, datagram, dataPlane.get(), ipsec.get(), esp.get(), local, remote, shared, ni,
                    nr, false);
        } catch (KeyExchangeException e) {
            reject(sa, request, datagram, NotifyType.INVALID_SYNTAX, "CHILD_SA rekey: bad key exchange value: "
                    + e.getMessage());
            return;
        } catch (DataPlaneException | RuntimeException e) {
            reject(sa, request, datagram, NotifyType.NO_PROPOSAL_CHOSEN, "CHILD_SA rekey: data plane refused the "
                    + "new CHILD_SA: " + e.getMessage());
            return;
        } finally {
            if (shared != null) {
                shared.wipe();
            }
        }
        List<Transform> transforms = new ArrayList<>(esp.get().reply().transforms());
        group.ifPresent(g -> transforms.add(Transform.of(g)));
        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(new SaPayload(List.of(new Proposal(chosen.number(), ProtocolId.ESP, esp.get().reply().spi(),
                transforms))));
        payloads.add(new NoncePayload(Bytes.of(nr)));
        if (ourKe != null) {
            payloads.add(ourKe);
        }
        payloads.add(new TrafficSelectorPayload(true, SessionSetup.selectors(remote)));
        payloads.add(new TrafficSelectorPayload(false, SessionSetup.selectors(local)));
        r.respond(sa, datagram, request.header(), payloads);
        sa.rekeyedByPeer.put(old.get().inboundSpi(), new IkeSa.PeerChildRekey(child.inboundSpi(), ni, nr));
        LOG.info("{}:CHILD_SA {}/{} rekeyed: new SPIs {}/{} ({}{}); the old pair stays until the peer deletes it",
                sa.logId(), hex(old.get().inboundSpi()), hex(old.get().outboundSpi()), hex(child.inboundSpi()),
                hex(child.outboundSpi()), child.transform(), group.map(g -> ", PFS " + g.name()).orElse(", no PFS"));
        r.sessions.rekeyed(sa);
    }

    private void rekeyIke(IkeSa sa, IkeMessage request, Datagram datagram, SaPayload offered, byte[] ni) {
        Optional<ProposalSelection.IkeChoice> choice = ProposalSelection.selectIke(offered, r.services.ikeProposals(),
                r.suite);
        if (choice.isEmpty()) {
            reject(sa, request, datagram, NotifyType.NO_PROPOSAL_CHOSEN, "IKE SA rekey: no common proposal; peer "
                    + "offered " + ProposalSelection.describe(offered));
            return;
        }
        Proposal chosen = proposal(offered, choice.get().reply().number(), ProtocolId.IKE);
        if (chosen.spi().length() != IKE_SPI_LENGTH || ByteBuffer.wrap(chosen.spi().toByteArray()).getLong() == 0) {
            reject(sa, request, datagram, NotifyType.INVALID_SYNTAX, "IKE SA rekey: the proposal carries no "
                    + "8-octet initiator SPI");
            return;
        }
        DhGroup group = choice.get().transforms().dhGroup();
        Optional<KePayload> ke = request.first(KePayload.class);
        if (ke.isEmpty() || !ke.get().group().equals(group)) {
            invalidKe(sa, request, datagram, ke, group);
            return;
        }
        long spiI = ByteBuffer.wrap(chosen.spi().toByteArray()).getLong();
        long spiR = r.newResponderSpi();
        byte[] nr = newNonce();
        IkeSa next = new IkeSa(sa.sessionId, spiI, spiR, sa.remote, sa.local, sa.created);
        KePayload ourKe;
        try (KeyExchange.Ephemeral ephemeral = r.suite.keyExchange(group).orElseThrow().generate(r.random);
                Secret shared = ephemeral.agree(ke.get().data().toByteArray())) {
            ourKe = new KePayload(group, Bytes.of(ephemeral.publicValue()));
            ikeRekey.deriveKeys(sa, next, choice.get().transforms(), shared, ni, nr, false);
        } catch (KeyExchangeException e) {
            next.wipe();
            reject(sa, request, datagram, NotifyType.INVALID_SYNTAX, "IKE SA rekey: bad key exchange value: "
                    + e.getMessage());
            return;
        } catch (UnsupportedTransformException e) {
            next.wipe();
            reject(sa, request, datagram, NotifyType.NO_PROPOSAL_CHOSEN, "IKE SA rekey: chosen transforms cannot be "
                    + "computed: " + e.getMessage());
            return;
        }
        sa.handOver(next);
        sa.rekeyedInto = next;
        r.adopt(next);
        Proposal reply = new Proposal(chosen.number(), ProtocolId.IKE,
                Bytes.of(ByteBuffer.allocate(IKE_SPI_LENGTH).putLong(spiR).array()), choice.get().reply().transforms());
        r.respond(sa, datagram, request.header(), List.of(new SaPayload(List.of(reply)), new NoncePayload(Bytes.of(nr)),
                ourKe));
        LOG.info("{}:IKE SA rekeyed: new SPIs {}/{} ({}), {} CHILD_SA(s) moved to it", sa.logId(), Long.toHexString(spiI),
                Long.toHexString(spiR), next.transforms, next.children.size());
        r.sessions.rekeyed(next);
        r.scheduleDpd(next);
        ikeRekey.schedule(next);
        // The peer deletes the old IKE SA (section 2.18); if it does not, the old SA goes on its own.
        r.schedule(sa, r.settings.halfOpenTimeout(), () -> {
            LOG.info("{}:the peer did not delete the rekeyed IKE SA {}: removed", sa.logId(),
                    Long.toHexString(sa.responderSpi));
            r.remove(sa, DownReason.PEER_DELETE);
        });
    }

    /** Our CHILD_SA rekey in flight: the request's message ID, the CHILD_SA it replaces, our new SPI and nonce. */
    record LocalRekey(long messageId, IkeSa.ChildSa old, int ourSpi, byte[] ni) {
    }

    /**
     * The data plane reports a CHILD_SA's soft lifetime: we rekey it ourselves (RFC 7296 section 2.8), without a
     * new key exchange, with the transforms it has. On the SA's executor.
     */
    void rekeyChildLocal(IkeSa sa, int inboundSpi) {
        Optional<IkeSa.ChildSa> old = sa.child(inboundSpi);
        if (sa.state != IkeSa.State.ESTABLISHED || old.isEmpty() || sa.localRekey != null
                || sa.rekeyedByPeer.containsKey(inboundSpi)) {
            return; // gone, already being rekeyed, or the peer rekeyed it first
        }
        if (sa.outstandingRequestId != -1) {
            r.schedule(sa, r.settings.retransmitTimeout(), () -> rekeyChildLocal(sa, inboundSpi));
            return;
        }
        int ourSpi = r.childSas.newEspSpi(sa);
        byte[] ni = newNonce();
        ProposalSelection.EspChoice choice = old.get().choice();
        List<IkePayload> payloads = List.of(
                new NotifyPayload(ProtocolId.ESP, Bytes.of(spi(inboundSpi)), NotifyType.REKEY_SA, Bytes.EMPTY),
                new SaPayload(List.of(new Proposal(1, ProtocolId.ESP, Bytes.of(spi(ourSpi)), choice.reply().transforms()))),
                new NoncePayload(Bytes.of(ni)),
                new TrafficSelectorPayload(true, SessionSetup.selectors(old.get().localTs())),
                new TrafficSelectorPayload(false, SessionSetup.selectors(old.get().remoteTs())));
        LOG.info("{}:CHILD_SA {} reached its soft lifetime: rekeying it", sa.logId(), hex(inboundSpi));
        long id = r.informationalExchange().sendRequest(sa, ExchangeType.CREATE_CHILD_SA, payloads);
        sa.localRekey = new LocalRekey(id, old.get(), ourSpi, ni);
        r.informationalExchange().retransmit(sa, id, 1, () -> {
            LOG.warn("{}:peer {} did not answer our CHILD_SA rekey; the CHILD_SA stays until its hard lifetime",
                    sa.logId(), sa.remote.getAddress().getHostAddress());
            sa.localRekey = null;
        });
    }

    /** The response to our CREATE_CHILD_SA request. On the SA's executor. */
    void onResponse(IkeSa sa, Datagram datagram, IkeHeader header) {
        if (sa.localIkeRekey != null && header.messageId() == sa.localIkeRekey.messageId()
                && sa.outstandingRequestId == header.messageId()) {
            ikeRekey.onResponse(sa, datagram, header);
            return;
        }
        LocalRekey rekey = sa.localRekey;
        if (rekey == null || header.messageId() != rekey.messageId() || sa.outstandingRequestId != rekey.messageId()) {
            return;
        }
        DecodeResult result = IkeMessageCodec.decode(datagram.data(), sa.ciphers.inbound(), sa.reassembler);
        if (!(result instanceof DecodeResult.Ok ok)) {
            return;
        }
        sa.localRekey = null;
        sa.outstandingRequestId = -1;
        sa.outstandingRequest = null;
        sa.lastInbound = r.clock.instant();
        IkeMessage response = ok.message();
        LOG.info("{}:Received {}", sa.logId(), response.summary());
        PacketTrace.received(sa, response, datagram);
        Optional<NotifyPayload> error = response.payloads(NotifyPayload.class).stream()
                .filter(n -> n.notifyType().value() < NotifyType.INITIAL_CONTACT.value()).findFirst();
        Optional<Proposal> accepted = response.first(SaPayload.class).flatMap(p -> p.proposals().stream().findFirst())
                .filter(p -> p.protocol().equals(ProtocolId.ESP) && p.spi().length() == ESP_SPI_LENGTH);
        Optional<NoncePayload> nr = response.first(NoncePayload.class);
        if (error.isPresent() || accepted.isEmpty() || nr.isEmpty()) {
            LOG.warn("{}:peer refused our rekey of CHILD_SA {}: {}; it stays until its hard lifetime", sa.logId(),
                    hex(rekey.old().inboundSpi()), error.map(n -> n.notifyType().name()).orElse("no SA or nonce"));
            return;
        }
        Optional<IpsecProfile> ipsec = r.services.ipsecProfile(sa.profile);
        if (ipsec.isEmpty() || sa.childDataPlane == null) {
            LOG.warn("{}:CHILD_SA rekey not installed: the IPsec profile or the data plane is gone", sa.logId());
            return;
        }
        ProposalSelection.EspChoice old = rekey.old().choice();
        ProposalSelection.EspChoice next = new ProposalSelection.EspChoice(new Proposal(accepted.get().number(),
                ProtocolId.ESP, Bytes.of(spi(rekey.ourSpi())), old.reply().transforms()),
                ByteBuffer.wrap(accepted.get().spi().toByteArray()).getInt(), old.cipher(), old.integrity(), old.esn());
        IkeSa.ChildSa child;
        try {
            child = r.childSas.install(sa, datagram, sa.childDataPlane, ipsec.get(), next, rekey.old().localTs(),
                    rekey.old().remoteTs(), null, rekey.ni(), nr.get().nonce().toByteArray(), true);
        } catch (DataPlaneException | RuntimeException e) {
            LOG.warn("{}:CHILD_SA rekey not installed: {}", sa.logId(), e.getMessage());
            return;
        }
        // Section 2.8.1: when the peer rekeyed the same CHILD_SA meanwhile, the new pair made with the lowest of
        // the four nonces is redundant and deleted by whoever made it; the maker of the survivor deletes the old.
        IkeSa.PeerChildRekey peers = sa.rekeyedByPeer.get(rekey.old().inboundSpi());
        boolean oursRedundant = peers != null && RekeyCollision.firstIsRedundant(rekey.ni(),
                nr.get().nonce().toByteArray(), peers.ni(), peers.nr());
        IkeSa.ChildSa redundant = oursRedundant ? child : rekey.old();
        removeChild(sa, redundant);
        r.informationalExchange().sendRequest(sa, ExchangeType.INFORMATIONAL, List.of(new DeletePayload(ProtocolId.ESP,
                ESP_SPI_LENGTH, List.of(Bytes.of(spi(redundant.inboundSpi()))))));
        LOG.info("{}:CHILD_SA {} rekeyed by us: new SPIs {}/{}{}", sa.logId(), hex(rekey.old().inboundSpi()),
                hex(child.inboundSpi()), hex(child.outboundSpi()), oursRedundant
                        ? "; the peer rekeyed it at the same time and ours holds the lowest nonce, so ours is deleted "
                        + "again (rekey collision, RFC 7296 2.8.1)" : peers != null ? "; the peer rekeyed it at the "
                        + "same time, its new pair holds the lowest nonce and the peer deletes it (RFC 7296 2.8.1)"
                        : "");
        r.sessions.rekeyed(sa);
    }

    private static void removeChild(IkeSa sa, IkeSa.ChildSa child) {
        sa.children.remove(child);
        try {
            sa.childDataPlane.remove(child.inboundSpi());
        } catch (RuntimeException e) {
            LOG.warn("{}:data plane failed to remove CHILD_SA {}: {}", sa.logId(), hex(child.inboundSpi()), e.toString());
        }
    }

    private static byte[] spi(int spi) {
        return ByteBuffer.allocate(ESP_SPI_LENGTH).putInt(spi).array();
    }

    /** The CHILD_SA a REKEY_SA notify names: by the peer's inbound SPI (our outbound), or by ours. */
    private static Optional<IkeSa.ChildSa> rekeyedChild(IkeSa sa, NotifyPayload rekey) {
        if (!rekey.protocol().equals(ProtocolId.ESP) || rekey.spi().length() != ESP_SPI_LENGTH) {
            return Optional.empty();
        }
        int spi = ByteBuffer.wrap(rekey.spi().toByteArray()).getInt();
        return sa.children.stream().filter(c -> c.outboundSpi() == spi).findFirst().or(() -> sa.child(spi));
    }

    private static Proposal proposal(SaPayload offered, int number, ProtocolId protocol) {
        return offered.proposals().stream().filter(p -> p.number() == number && p.protocol().equals(protocol))
                .findFirst().orElseThrow();
    }

    private static TrafficSelectorPayload selectors(IkeMessage request, boolean initiator) {
        return request.payloads(TrafficSelectorPayload.class).stream().filter(t -> t.initiator() == initiator)
                .findFirst().orElse(null);
    }

    private void invalidKe(IkeSa sa, IkeMessage request, Datagram datagram, Optional<KePayload> ke, DhGroup preferred) {
        LOG.info("{}:CREATE_CHILD_SA with KE for {} but {} chosen; answering INVALID_KE_PAYLOAD", sa.logId(),
                ke.map(k -> k.group().name()).orElse("no group"), preferred.name());
        r.respond(sa, datagram, request.header(), List.of(NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD,
                Bytes.of(new byte[] {(byte) (preferred.value() >>> 8), (byte) preferred.value()}))));
    }

    /** One log line and one error notify; the IKE SA and its CHILD_SAs stay as they are (section 1.3). */
    private void reject(IkeSa sa, IkeMessage request, Datagram datagram, NotifyType notify, String reason) {
        LOG.warn("{}:CREATE_CHILD_SA from {} refused: {}; sending {}", sa.logId(),
                sa.remote.getAddress().getHostAddress(), reason, notify.name());
        r.respond(sa, datagram, request.header(), List.of(NotifyPayload.of(notify)));
    }

    private byte[] newNonce() {
        byte[] nonce = new byte[SaInitExchange.NONCE_LENGTH];
        r.random.nextBytes(nonce);
        return nonce;
    }

    private static String hex(int spi) {
        return String.format("%08x", spi);
    }
}
