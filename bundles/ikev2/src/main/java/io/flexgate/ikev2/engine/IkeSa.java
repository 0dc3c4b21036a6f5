package io.flexgate.ikev2.engine;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.Prf;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.message.FragmentReassembler;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.transport.Datagram;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One IKE SA as the responder holds it. Confined to the SA's serial executor: no field is read or written
 * from any other thread, so nothing here is synchronised. Transitions happen only through {@link #state(State)},
 * which logs them.
 */
final class IkeSa {

    /** Where the SA is in its life (strongSwan's IKE_SA states, reduced to the responder's path). */
    enum State {
        /** IKE_SA_INIT answered; IKE_AUTH not yet received. */
        HALF_OPEN,
        /** IKE_AUTH started; an EAP conversation is running. */
        AUTHENTICATING,
        /** EAP succeeded; waiting for the peer's final AUTH. */
        AWAITING_AUTH,
        /** Authenticated, CHILD_SA installed. */
        ESTABLISHED,
        /** Replaced by a rekeyed IKE SA (RFC 7296 section 2.18); waits for the peer's DELETE. */
        REKEYED,
        /** Being torn down. */
        DELETING
    }

    final long sessionId;
    /** {@link #logId()}, made once (racy but idempotent). */
    private String logId;
    final long initiatorSpi;
    final long responderSpi;
    final InetSocketAddress remote;
    final InetSocketAddress local;
    final Instant created;

    State state = State.HALF_OPEN;
    IkeSaTransforms transforms;
    Prf prf;
    IkeKeyDerivation kdf;
    IkeSaKeys keys;
    SkCipherPair ciphers;
    byte[] nonceI;
    byte[] nonceR;
    /** The initiator's IKE_SA_INIT request and our response, as sent: AUTH signs them (section 2.15). */
    byte[] initRequest;
    byte[] initResponse;
    boolean peerSupportsFragmentation;
    /** The hashes of the peer's SIGNATURE_HASH_ALGORITHMS (RFC 7427), empty when it sent none. */
    List<io.flexgate.ikev2.crypto.HashAlgorithm> peerHashAlgorithms = List.of();
    /** NAT_DETECTION_DESTINATION_IP missed our address: we are behind a NAT (IOS "detected inside"). */
    boolean natLocal;
    /** NAT_DETECTION_SOURCE_IP missed the peer's address: the peer is behind a NAT, or fakes one to force ESP in UDP. */
    boolean natRemote;
    /** We fake a NAT ourselves ({@code force-encapsulation}), so ESP goes in UDP whatever the path is. */
    boolean encapsulationForced;
    /**
     * We are the original initiator of this IKE SA (RFC 7296 section 2.18: after we rekeyed it); the I flag and
     * the SPI that names it to us follow from this.
     */
    boolean weInitiated;
    FragmentReassembler reassembler;

    /** The next request message ID we expect from the peer (RFC 7296 section 2.2, window size 1). */
    long expectedRequestId = 1;
    /** Our response to the last request, for retransmission of duplicates (section 2.1). */
    long lastResponseId = -1;
    List<Datagram> lastResponse = List.of();
    /** The request being worked on asynchronously (AAA); its retransmissions are dropped meanwhile. */
    long pendingRequestId = -1;
    /** Message ID of the next request we send (DPD, DELETE). */
    long nextRequestId;

    IkeProfile profile;
    IdPayload peerId;
    IdPayload ourId;
    String peerIdentityText = "";
    EapAuthenticator eap;
    int eapIdentifier;
    int eapRounds;
    boolean awaitingIdentity;
    String eapMethodName = "";
    String eapIdentity;
    String username;
    Optional<Secret> msk = Optional.empty();
    boolean initialContact;
    /** The IKE_AUTH request's SA and TS payloads, kept from the first request until the CHILD_SA is made. */
    io.flexgate.ikev2.message.SaPayload childProposal;
    io.flexgate.ikev2.message.TrafficSelectorPayload tsi;
    io.flexgate.ikev2.message.TrafficSelectorPayload tsr;
    io.flexgate.ikev2.message.ConfigPayload configRequest;

    Optional<java.net.InetAddress> assignedAddress = Optional.empty();
    io.flexgate.api.aaa.AuthorizationAttributes attributes;
    io.flexgate.api.dataplane.DataPlane childDataPlane;
    /** Our request awaiting its response (DPD, DELETE), for retransmission. */
    long outstandingRequestId = -1;
    Datagram outstandingRequest;
    /** Where the peer talks to us now: after NAT-T floating, the addresses of its last IKE_AUTH request. */
    InetSocketAddress currentLocal;
    InetSocketAddress currentRemote;
    /** DPD: requests sent without an answer so far. */
    int dpdOutstanding;
    AddressPool.Lease lease;
    AddressPool leasePool;
    int virtualAccess;
    final List<ChildSa> children = new ArrayList<>();
    /** Our own CHILD_SA rekey in flight (soft lifetime reached), or null. */
    CreateChildSaExchange.LocalRekey localRekey;
    /**
     * CHILD_SAs the peer has rekeyed, by the old pair's inbound SPI, with the nonces of the peer's exchange: a
     * rekey collision when ours is in flight is resolved by the four nonces (section 2.8.1).
     */
    final java.util.Map<Integer, PeerChildRekey> rekeyedByPeer = new java.util.HashMap<>();
    /** Our IKE SA rekey in flight (lifetime reached), or null. */
    IkeRekey.Local localIkeRekey;
    /** We sent DELETE for this SA (rekeyed, or redundant after a collision): the answer removes it. */
    boolean retiring;
    /** The IKE SA the peer's rekey of this one made (section 2.18), kept for a collision with ours (2.8.2). */
    IkeSa rekeyedInto;
    Instant established;
    Instant lastInbound;

    IkeSa(long sessionId, long initiatorSpi, long responderSpi, InetSocketAddress remote, InetSocketAddress local,
            Instant created) {
        this.sessionId = sessionId;
        this.initiatorSpi = initiatorSpi;
        this.responderSpi = responderSpi;
        this.remote = remote;
        this.local = local;
        this.created = created;
        this.lastInbound = created;
    }

    /** The SPI that names this SA to us: ours (the responder's, or the initiator's once we rekeyed it). */
    long localSpi() {
        return weInitiated ? initiatorSpi : responderSpi;
    }

    /** The peer's SPI of this SA. */
    long remoteSpi() {
        return weInitiated ? responderSpi : initiatorSpi;
    }

    /** The IOS-style log prefix: {@code (SESSION ID = 3,SA ID = 3)}. */
    String logId() {
        String id = logId;
        if (id == null) {
            id = "(SESSION ID = " + sessionId + ",SA ID = " + sessionId + ")";
            logId = id;
        }
        return id;
    }

    /** One CHILD_SA pair as the engine remembers it. */
    record ChildSa(int inboundSpi, int outboundSpi, String transform, List<io.flexgate.api.net.IpPrefix> localTs,
            List<io.flexgate.api.net.IpPrefix> remoteTs, Instant established, ProposalSelection.EspChoice choice) {
    }

    /** The peer's rekey of one of our CHILD_SAs: the new pair's inbound SPI and the exchange's nonces. */
    record PeerChildRekey(int newInboundSpi, byte[] ni, byte[] nr) {
        PeerChildRekey {
            ni = ni.clone();
            nr = nr.clone();
        }

        @Override
        public byte[] ni() {
            return ni.clone();
        }

        @Override
        public byte[] nr() {
            return nr.clone();
        }
    }

    /** The CHILD_SA whose inbound SPI is {@code inboundSpi}. */
    Optional<ChildSa> child(int inboundSpi) {
        return children.stream().filter(c -> c.inboundSpi() == inboundSpi).findFirst();
    }

    /**
     * Moves the authenticated session (identities, authorization, lease, CHILD_SAs) to {@code successor}, the IKE
     * SA made by rekeying this one; this SA keeps only its keys, to answer the peer's DELETE.
     */
    void handOver(IkeSa successor) {
        successor.peerSupportsFragmentation = peerSupportsFragmentation;
        successor.peerHashAlgorithms = peerHashAlgorithms;
        successor.natLocal = natLocal;
        successor.natRemote = natRemote;
        successor.encapsulationForced = encapsulationForced;
        successor.profile = profile;
        successor.peerId = peerId;
        successor.ourId = ourId;
        successor.peerIdentityText = peerIdentityText;
        successor.eapMethodName = eapMethodName;
        successor.eapIdentity = eapIdentity;
        successor.username = username;
        successor.assignedAddress = assignedAddress;
        successor.attributes = attributes;
        successor.childDataPlane = childDataPlane;
        successor.currentLocal = currentLocal;
        successor.currentRemote = currentRemote;
        successor.lease = lease;
        successor.leasePool = leasePool;
        successor.virtualAccess = virtualAccess;
        successor.children.addAll(children);
        successor.rekeyedByPeer.putAll(rekeyedByPeer);
        successor.established = established;
        successor.lastInbound = lastInbound;
        successor.state = State.ESTABLISHED;
        lease = null;
        leasePool = null;
        virtualAccess = 0;
        children.clear();
        rekeyedByPeer.clear();
        state = State.REKEYED;
    }

    InetSocketAddress natLocal() {
        return currentLocal != null ? currentLocal : local;
    }

    InetSocketAddress natRemote() {
        return currentRemote != null ? currentRemote : remote;
    }

    /**
     * Drops what only the IKE_AUTH exchange needed (both IKE_SA_INIT messages for the AUTH payloads, the nonces,
     * the first CHILD_SA's proposal, selectors and configuration request, the EAP MSK, all IKE keys but SK_d, the SK cipher objects) once the session is up: several hundred
     * octets per held session. Rekeys bring their own nonces; the last response stays for retransmission.
     */
    void forgetHandshake() {
        initRequest = null;
        initResponse = null;
        nonceI = null;
        nonceR = null;
        childProposal = null;
        tsi = null;
        tsr = null;
        configRequest = null;
        msk.ifPresent(Secret::wipe); // only the two AUTH payloads needed it
        msk = Optional.empty();
        if (keys != null && ciphers != null) {
            keys = keys.derivationKeyOnly();
            ciphers.releaseBetweenOperations();
        }
    }

    /** Wipes keys and conversation state. Idempotent. */
    void wipe() {
        if (ciphers != null) {
            ciphers.close();
        }
        if (keys != null) {
            keys.close();
        }
        if (eap != null) {
            eap.close();
            eap = null;
        }
        msk.ifPresent(Secret::wipe);
        msk = Optional.empty();
    }
}
