package io.flexgate.ikev2.engine;

import io.flexgate.api.Secret;
import io.flexgate.api.ike.IkeExtension;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.KeyExchangeException;
import io.flexgate.ikev2.crypto.SignatureHashAlgorithms;
import io.flexgate.ikev2.crypto.UnsupportedTransformException;
import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.CertEncoding;
import io.flexgate.ikev2.message.CertReqPayload;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeDecodeException;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaInitScan;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.VendorIdPayload;
import io.flexgate.ikev2.transport.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IKE_SA_INIT as the responder (RFC 7296 section 1.2): cookies and half-open limits, proposal choice, key
 * exchange, NAT detection, and the capabilities we announce. Runs on the executor of the initiator's SPI.
 */
final class SaInitExchange {

    private static final Logger LOG = LoggerFactory.getLogger(SaInitExchange.class);

    /** Our nonce length: 32 octets, at least half the PRF key size for every supported PRF. */
    static final int NONCE_LENGTH = 32;

    private final Responder r;

    SaInitExchange(Responder responder) {
        this.r = responder;
    }

    /**
     * The stateless front of IKE_SA_INIT (RFC 7296 section 2.6), run on the receiving thread so that a flood
     * never reaches the SA executors: reads what the cookie needs from the request without decoding it
     * ({@link SaInitScan}), checks its cookie, and either answers with a COOKIE notify, drops the request, or
     * counts a new half-open SA and only then decodes the request in full. Cheap by design: one walk over the
     * payload headers and one SHA-256 per flood datagram, no key exchange, and only DEBUG logging.
     *
     * @return the decoded request when a half-open SA was admitted for it (the caller must run {@link #handle}
     *         or release the admission); empty when it was answered or dropped here
     */
    Optional<IkeMessage> admit(Datagram datagram, IkeHeader header) {
        SaInitScan scan;
        try {
            scan = SaInitScan.of(datagram.data(), header);
        } catch (IkeDecodeException e) {
            LOG.debug("IKE_SA_INIT from {} dropped: {}", datagram.remote(), e.getMessage());
            return Optional.empty();
        }
        if (!scan.complete()) {
            sendUnprotected(datagram, header, NotifyPayload.of(NotifyType.INVALID_SYNTAX));
            return Optional.empty();
        }
        InetAddress source = datagram.remote().getAddress();
        byte[] nonceI = scan.nonce().orElseThrow().toByteArray();
        boolean validCookie = scan.cookie()
                .map(c -> r.cookies.verify(c.toByteArray(), nonceI, source, header.initiatorSpi())).orElse(false);
        switch (r.halfOpen.admit(source, validCookie)) {
            case REFUSE -> {
                LOG.debug("IKE_SA_INIT from {} refused: half-open limit", datagram.remote());
                return Optional.empty();
            }
            case REQUIRE_COOKIE -> {
                IkeMessage response = cookieResponse(header, r.cookies.make(nonceI, source, header.initiatorSpi()));
                if (LOG.isDebugEnabled()) { // a flood's every request gets here: no summary unless it is logged
                    LOG.debug("Sending {} to {}", response.summary(), datagram.remote());
                }
                Datagram reply = new Datagram(IkeMessageCodec.encode(response, null), datagram.local(), datagram.remote());
                PacketTrace.sent(null, response, List.of(reply));
                r.send(reply);
                return Optional.empty();
            }
            default -> {
                DecodeResult result = IkeMessageCodec.decode(datagram.data());
                if (!(result instanceof DecodeResult.Ok ok)) {
                    r.halfOpen.release(source);
                    LOG.debug("IKE_SA_INIT from {} dropped: {}", datagram.remote(), IkeMessageCodec.summary(result));
                    return Optional.empty();
                }
                return Optional.of(ok.message());
            }
        }
    }

    /** The COOKIE answer to {@code request} (RFC 7296 section 2.6). */
    private static IkeMessage cookieResponse(IkeHeader request, byte[] cookie) {
        return new IkeMessage(IkeHeader.of(request.initiatorSpi(), 0, ExchangeType.IKE_SA_INIT, false, true, 0), false,
                List.of(NotifyPayload.of(NotifyType.COOKIE, Bytes.of(cookie))));
    }

    /**
     * Runs the pure part of the cookie front on a made-up request {@code rounds} times: header check, payload scan,
     * cookie check and COOKIE answer, encoded. Nothing is sent and no half-open SA is counted. A flood that meets a
     * freshly started JVM finds this code compiled instead of interpreted: measured without it, the sockets
     * overflowed for the flood's first second, and a legitimate client's packet lost there costs it a
     * retransmission timeout (docs/security.md 3.2).
     *
     * @return how many answers were encoded (rounds, unless the thread was interrupted)
     */
    int warmUp(int rounds) {
        byte[] request = warmUpRequest();
        InetAddress source = InetAddress.getLoopbackAddress();
        int done = 0;
        for (; done < rounds && !Thread.currentThread().isInterrupted(); done++) {
            try {
                IkeHeader header = IkeMessageCodec.decodeHeader(request);
                SaInitScan scan = SaInitScan.of(request, header);
                byte[] nonceI = scan.nonce().orElseThrow().toByteArray();
                byte[] cookie = r.cookies.make(nonceI, source, header.initiatorSpi());
                if (!r.cookies.verify(cookie, nonceI, source, header.initiatorSpi())
                        || IkeMessageCodec.encode(cookieResponse(header, cookie), null).length == 0) {
                    throw new IllegalStateException("the cookie front's warm-up did not verify its own cookie");
                }
            } catch (IkeDecodeException e) {
                throw new IllegalStateException("the cookie front's warm-up request does not scan: " + e.getMessage(),
                        e);
            }
        }
        return done;
    }

    /** An IKE_SA_INIT request in the shape a client sends: SA, KE (Curve25519) and Nonce. */
    private static byte[] warmUpRequest() {
        return IkeMessageCodec.encode(new IkeMessage(IkeHeader.of(0x0123456789ABCDEFL, 0, ExchangeType.IKE_SA_INIT,
                true, false, 0), false, List.of(
                        new SaPayload(List.of(new SaPayload.Proposal(1, ProtocolId.IKE, Bytes.EMPTY, List.of()))),
                        new KePayload(DhGroup.CURVE25519, Bytes.of(new byte[32])),
                        new NoncePayload(Bytes.of(new byte[NONCE_LENGTH])))), null);
    }

    /** IKE_SA_INIT for an admitted request, on the executor of the initiator's SPI. */
    void handle(Datagram datagram, IkeHeader header, IkeMessage request) {
        LOG.info("Received {} from {}", request.summary(), datagram.remote());
        PacketTrace.received(null, request, datagram);
        Optional<SaPayload> sa = request.first(SaPayload.class);
        Optional<KePayload> ke = request.first(KePayload.class);
        byte[] nonceI = request.first(NoncePayload.class).orElseThrow().nonce().toByteArray();

        Optional<ProposalSelection.IkeChoice> choice = ProposalSelection.selectIke(sa.get(), r.services.ikeProposals(),
                r.suite);
        if (choice.isEmpty()) {
            LOG.warn("IKE_SA_INIT from {}: NO_PROPOSAL_CHOSEN; peer offered {}", datagram.remote(),
                    ProposalSelection.describe(sa.get()));
            r.halfOpen.release(datagram.remote().getAddress());
            sendUnprotected(datagram, header, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN));
            return;
        }
        DhGroup group = choice.get().transforms().dhGroup();
        if (!ke.get().group().equals(group)) {
            LOG.info("IKE_SA_INIT from {}: KE for {} but {} chosen; answering INVALID_KE_PAYLOAD", datagram.remote(),
                    ke.get().group().name(), group.name());
            r.halfOpen.release(datagram.remote().getAddress());
            sendUnprotected(datagram, header, NotifyPayload.of(NotifyType.INVALID_KE_PAYLOAD,
                    Bytes.of(new byte[] {(byte) (group.value() >>> 8), (byte) group.value()})));
            return;
        }

        long spiR = r.newResponderSpi();
        IkeSa ikeSa = new IkeSa(r.nextSessionId(), header.initiatorSpi(), spiR, datagram.remote(), datagram.local(),
                r.clock.instant());
        byte[] nonceR = new byte[NONCE_LENGTH];
        r.random.nextBytes(nonceR);
        KePayload ourKe;
        KeyExchange kex = r.suite.keyExchange(group).orElseThrow();
        try (KeyExchange.Ephemeral ephemeral = kex.generate(r.random);
                Secret shared = ephemeral.agree(ke.get().data().toByteArray())) {
            ourKe = new KePayload(group, Bytes.of(ephemeral.publicValue()));
            ikeSa.transforms = choice.get().transforms();
            ikeSa.prf = r.cipherFactory.prf(ikeSa.transforms);
            ikeSa.kdf = r.cipherFactory.keyDerivation(ikeSa.transforms);
            try (Secret skeyseed = ikeSa.kdf.skeyseed(nonceI, nonceR, shared)) {
                ikeSa.keys = ikeSa.kdf.ikeSaKeys(skeyseed, nonceI, nonceR, header.initiatorSpi(), spiR,
                        r.cipherFactory.keyLengths(ikeSa.transforms));
            }
            ikeSa.ciphers = r.cipherFactory.create(ikeSa.transforms, ikeSa.keys, false);
        } catch (KeyExchangeException e) {
            LOG.info("IKE_SA_INIT from {}: bad key exchange value: {}", datagram.remote(), e.getMessage());
            r.halfOpen.release(datagram.remote().getAddress());
            sendUnprotected(datagram, header, NotifyPayload.of(NotifyType.INVALID_SYNTAX));
            return;
        } catch (UnsupportedTransformException e) {
            LOG.error("IKE_SA_INIT from {}: chosen transforms cannot be computed: {}", datagram.remote(), e.getMessage());
            r.halfOpen.release(datagram.remote().getAddress());
            sendUnprotected(datagram, header, NotifyPayload.of(NotifyType.NO_PROPOSAL_CHOSEN));
            return;
        }
        ikeSa.nonceI = nonceI;
        ikeSa.nonceR = nonceR;
        ikeSa.peerSupportsFragmentation = request.notification(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED).isPresent();
        ikeSa.peerHashAlgorithms = request.notification(NotifyType.SIGNATURE_HASH_ALGORITHMS)
                .flatMap(n -> SignatureHashAlgorithms.decode(n.data().toByteArray())).orElse(List.of());
        NatDetection.Observed nat = NatDetection.observe(notifyData(request, NotifyType.NAT_DETECTION_SOURCE_IP),
                notifyData(request, NotifyType.NAT_DETECTION_DESTINATION_IP), header.initiatorSpi(), datagram.local(),
                datagram.remote());
        ikeSa.natLocal = nat.local();
        ikeSa.natRemote = nat.remote();
        ikeSa.encapsulationForced = r.settings.forceEncapsulation();

        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(new SaPayload(List.of(choice.get().reply())));
        payloads.add(ourKe);
        payloads.add(new NoncePayload(Bytes.of(nonceR)));
        InetSocketAddress local = datagram.local();
        byte[] sourceHash = r.settings.forceEncapsulation()
                ? NatDetection.forcedEncapsulationHash(header.initiatorSpi(), spiR, local)
                : NatDetection.hash(header.initiatorSpi(), spiR, local);
        payloads.add(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, Bytes.of(sourceHash)));
        payloads.add(NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP,
                Bytes.of(NatDetection.hash(header.initiatorSpi(), spiR, datagram.remote()))));
        certificateRequest().ifPresent(payloads::add);
        if (ikeSa.peerSupportsFragmentation) {
            payloads.add(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
        }
        if (request.notification(NotifyType.SIGNATURE_HASH_ALGORITHMS).isPresent()) {
            payloads.add(NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS,
                    Bytes.of(SignatureHashAlgorithms.encode(SignatureHashAlgorithms.announced()))));
        }
        for (IkeExtension extension : r.extensions()) {
            try {
                extension.vendorIds().forEach(v -> payloads.add(new VendorIdPayload(Bytes.of(v.value()))));
            } catch (RuntimeException e) {
                LOG.warn("IKE extension {} failed to give vendor IDs: {}", extension.getClass().getName(), e.toString());
            }
        }
        for (VendorIdPayload vid : request.payloads(VendorIdPayload.class)) {
            describeVendorId(vid.vendorId().toByteArray()).ifPresent(d -> LOG.debug("{}:peer vendor ID: {}",
                    ikeSa.logId(), d));
        }

        IkeMessage response = new IkeMessage(IkeHeader.of(header.initiatorSpi(), spiR, ExchangeType.IKE_SA_INIT,
                false, true, 0), false, payloads);
        byte[] encoded = IkeMessageCodec.encode(response, null);
        ikeSa.initRequest = datagram.data();
        ikeSa.initResponse = encoded;
        ikeSa.lastResponseId = 0;
        ikeSa.lastResponse = List.of(new Datagram(encoded, datagram.local(), datagram.remote()));
        r.register(ikeSa, header.initiatorSpi());
        LOG.info("{}:Sending {} to {} ({})", ikeSa.logId(), response.summary(), datagram.remote(), ikeSa.transforms);
        PacketTrace.sent(ikeSa, response, ikeSa.lastResponse);
        r.send(ikeSa.lastResponse.get(0));
        r.scheduleHalfOpenTimeout(ikeSa);
    }

    /**
     * CERTREQ (RFC 7296 section 3.7) naming the CAs that the trustpoints of {@code authentication remote rsa-sig}
     * profiles trust, so that certificate peers send their certificate (strongSwan sends it only when asked).
     * Empty when no profile authenticates peers by certificate.
     */
    private Optional<CertReqPayload> certificateRequest() {
        java.io.ByteArrayOutputStream hashes = new java.io.ByteArrayOutputStream();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (IkeProfile p : r.services.profiles()) {
            if (p.remoteAuthentication() != IkeProfile.RemoteAuthentication.RSA_SIG || !seen.add(p.trustpoint())) {
                continue;
            }
            r.services.trustpoint(p.trustpoint()).ifPresent(tp -> tp.trustedAuthorityHashes()
                    .forEach(h -> hashes.write(h, 0, h.length)));
        }
        return hashes.size() == 0 ? Optional.empty()
                : Optional.of(new CertReqPayload(CertEncoding.X509_SIGNATURE, Bytes.of(hashes.toByteArray())));
    }

    private Optional<String> describeVendorId(byte[] vid) {
        for (IkeExtension extension : r.extensions()) {
            try {
                Optional<String> d = extension.describePeerVendorId(vid);
                if (d.isPresent()) {
                    return d;
                }
            } catch (RuntimeException e) {
                LOG.debug("IKE extension failed to describe a vendor ID: {}", e.toString());
            }
        }
        return Optional.empty();
    }

    private static List<byte[]> notifyData(IkeMessage request, NotifyType type) {
        return request.payloads(NotifyPayload.class).stream().filter(n -> n.notifyType().equals(type))
                .map(n -> n.data().toByteArray()).toList();
    }

    /** An IKE_SA_INIT response without an SA: a notify only, responder SPI zero (RFC 7296 section 2.6, 1.2). */
    private void sendUnprotected(Datagram request, IkeHeader header, NotifyPayload notify) {
        IkeMessage response = new IkeMessage(IkeHeader.of(header.initiatorSpi(), 0, ExchangeType.IKE_SA_INIT, false, true,
                0), false, List.of(notify));
        LOG.info("Sending {} to {}", response.summary(), request.remote());
        Datagram reply = new Datagram(IkeMessageCodec.encode(response, null), request.local(), request.remote());
        PacketTrace.sent(null, response, List.of(reply));
        r.send(reply);
    }
}
