package io.flexgate.ikev2.engine;

import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.ikev2.config.IdentityMatch;
import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.config.ProfileSelector;
import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.AuthOctets;
import io.flexgate.ikev2.crypto.HashAlgorithm;
import io.flexgate.ikev2.crypto.SharedKeyAuth;
import io.flexgate.ikev2.crypto.SignatureAuth;
import io.flexgate.ikev2.crypto.SignatureHashAlgorithms;
import io.flexgate.ikev2.crypto.SignatureScheme;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.CertEncoding;
import io.flexgate.ikev2.message.CertPayload;
import io.flexgate.ikev2.message.CertReqPayload;
import io.flexgate.ikev2.message.ConfigPayload;
import io.flexgate.ikev2.message.EapPayload;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import io.flexgate.ikev2.transport.Datagram;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IKE_AUTH as the responder with EAP (RFC 7296 sections 1.2 and 2.16): profile match by the peer's identity,
 * our certificate and signature, the EAP conversation through the {@link EapMethod} service the profile names,
 * the peer's final AUTH over the MSK (or SK_pi when the method has none), then {@link SessionSetup}.
 * Everything runs on the SA's executor; EAP and AAA stages that complete elsewhere are moved back onto it.
 */
final class AuthExchange {

    private static final Logger LOG = LoggerFactory.getLogger(AuthExchange.class);

    /** Profile name of AnyConnect's aggregate authentication, as the eap-anyconnect bundle registers it. */
    static final String ANYCONNECT_METHOD = "anyconnect";
    /** EAP round trips one conversation may take before it is cut (bounded work per SA). */
    static final int MAX_EAP_ROUNDS = 16;

    private final Responder r;
    private final SessionSetup setup;
    private final SignatureAuth signatures;
    private final CertificateAuth certificates;

    AuthExchange(Responder responder) {
        this.r = responder;
        this.setup = new SessionSetup(responder);
        this.signatures = new SignatureAuth(responder.suite);
        this.certificates = new CertificateAuth(signatures);
    }

    void handle(IkeSa sa, IkeMessage request, Datagram datagram) {
        switch (sa.state) {
            case HALF_OPEN -> first(sa, request, datagram);
            case AUTHENTICATING -> eapResponse(sa, request, datagram);
            case AWAITING_AUTH -> finalAuth(sa, request, datagram);
            default -> LOG.info("{}:IKE_AUTH in state {}: dropped", sa.logId(), sa.state);
        }
    }

    /** The first IKE_AUTH request: IDi, [CERTREQ], [IDr], CP, SA, TSi, TSr, notifications; no AUTH when EAP follows. */
    private void first(IkeSa sa, IkeMessage request, Datagram datagram) {
        Optional<IdPayload> idi = request.first(IdPayload.class).filter(IdPayload::initiator);
        if (idi.isEmpty()) {
            fail(sa, request, datagram, NotifyType.INVALID_SYNTAX, "IKE_AUTH without IDi");
            return;
        }
        sa.peerId = idi.get();
        sa.peerIdentityText = identityText(idi.get());
        Optional<IkeProfile> profile = ProfileSelector.select(r.services.profiles(), idi.get().idType().value(),
                sa.peerIdentityText);
        if (profile.isEmpty()) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "no IKEv2 profile matches identity "
                    + idi.get().idType().name() + " '" + sa.peerIdentityText + "'");
            return;
        }
        sa.profile = profile.get();
        sa.childProposal = request.first(SaPayload.class).orElse(null);
        sa.tsi = request.payloads(TrafficSelectorPayload.class).stream().filter(TrafficSelectorPayload::initiator)
                .findFirst().orElse(null);
        sa.tsr = request.payloads(TrafficSelectorPayload.class).stream().filter(t -> !t.initiator()).findFirst()
                .orElse(null);
        sa.configRequest = request.first(ConfigPayload.class).orElse(null);
        sa.initialContact = request.notification(NotifyType.INITIAL_CONTACT).isPresent();
        LOG.debug("{}:Matched profile {} for {} '{}'", sa.logId(), sa.profile.name(), idi.get().idType().name(),
                sa.peerIdentityText);

        boolean certificate = sa.profile.remoteAuthentication() == IkeProfile.RemoteAuthentication.RSA_SIG;
        if (request.first(AuthPayload.class).isPresent() && !certificate) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "profile " + sa.profile.name()
                    + " authenticates with EAP, and the peer did not ask for EAP (AUTH present)");
            return;
        }
        Optional<Trustpoint> trustpoint = r.services.trustpoint(sa.profile.trustpoint());
        if (trustpoint.isEmpty()) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "pki trustpoint " + sa.profile.trustpoint()
                    + " of profile " + sa.profile.name() + " is not configured");
            return;
        }
        List<byte[]> requested = new ArrayList<>();
        for (CertReqPayload cr : request.payloads(CertReqPayload.class)) {
            byte[] all = cr.authorities().toByteArray();
            for (int i = 0; i + 20 <= all.length; i += 20) {
                requested.add(java.util.Arrays.copyOfRange(all, i, i + 20));
            }
        }
        List<X509Certificate> chain = trustpoint.get().chainFor(requested);
        sa.ourId = ourIdentity(chain.get(0), request);

        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(sa.ourId);
        try {
            for (X509Certificate c : chain) {
                payloads.add(new CertPayload(CertEncoding.X509_SIGNATURE, Bytes.of(c.getEncoded())));
            }
            payloads.add(sign(trustpoint.get(), responderOctets(sa), sa.peerHashAlgorithms));
        } catch (GeneralSecurityException e) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "trustpoint " + trustpoint.get().name()
                    + " cannot sign: " + e.getMessage());
            return;
        }

        if (certificate) {
            certificatePeer(sa, request, datagram, trustpoint.get(), payloads);
            return;
        }
        sa.state = IkeSa.State.AUTHENTICATING;
        sa.eapRounds = 0;
        sa.eapIdentifier = r.random.nextInt(256);
        if (sa.profile.remoteAuthentication() == IkeProfile.RemoteAuthentication.EAP && sa.profile.queryIdentity()) {
            sa.awaitingIdentity = true;
            payloads.add(eap(EapPacket.request(nextIdentifier(sa), EapType.IDENTITY, new byte[0])));
            r.respond(sa, datagram, request.header(), payloads);
            return;
        }
        sa.eapIdentity = sa.peerIdentityText;
        String method = sa.profile.remoteAuthentication() == IkeProfile.RemoteAuthentication.ANYCONNECT_EAP
                ? ANYCONNECT_METHOD : firstInstalledMethod(sa.profile).orElse(sa.profile.eapMethods().get(0));
        startMethod(sa, method, request, datagram, payloads);
    }

    /** {@code authentication remote rsa-sig}: the peer's certificate and AUTH are in this first request. */
    private void certificatePeer(IkeSa sa, IkeMessage request, Datagram datagram, Trustpoint trustpoint,
            List<IkePayload> ours) {
        CertificateAuth.Result result = certificates.verify(request, sa.peerId, trustpoint, initiatorOctets(sa),
                List.of("SHA-1", sa.prf.hashAlgorithm()), r.clock.instant());
        if (result instanceof CertificateAuth.Result.Failed f) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, f.reason());
            return;
        }
        CertificateAuth.Result.Verified v = (CertificateAuth.Result.Verified) result;
        sa.username = sa.peerIdentityText;
        sa.state = IkeSa.State.AWAITING_AUTH;
        LOG.info("{}:Certificate authentication of '{}' succeeded ({}, issuer '{}')", sa.logId(), sa.peerIdentityText,
                v.algorithm(), v.endEntity().getIssuerX500Principal().getName());
        setup.establish(sa, request, datagram, ours);
    }

    /** Starts {@code method}; its first request goes out with {@code payloads} (IDr, CERT, AUTH on the first round). */
    private void startMethod(IkeSa sa, String method, IkeMessage request, Datagram datagram, List<IkePayload> payloads) {
        Optional<EapMethod> eapMethod = r.services.eapMethod(method);
        if (eapMethod.isEmpty()) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "EAP method " + method
                    + " is not installed (feature flexgate-eap-" + method + ")");
            return;
        }
        Optional<AaaMethodList> list = r.services.aaaList(sa.profile.authenticationList());
        if (list.isEmpty()) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "aaa authentication list "
                    + sa.profile.authenticationList() + " of profile " + sa.profile.name() + " is not configured");
            return;
        }
        Map<String, String> parameters = new HashMap<>();
        sa.profile.anyConnectProfile().ifPresent(p -> parameters.put("anyconnect.profile", p));
        parameters.put("ikev2.profile", sa.profile.name());
        EapAuthenticator authenticator;
        try {
            authenticator = eapMethod.get().newAuthenticator(new EapServerContext(sa.sessionId, sa.eapIdentity,
                    list.get().credentials(), r.random, parameters));
        } catch (RuntimeException e) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "EAP method " + method + " refused to start: "
                    + e.getMessage());
            return;
        }
        sa.eap = authenticator;
        sa.eapMethodName = method;
        LOG.debug("{}:Starting EAP-{} for '{}'", sa.logId(), method, sa.eapIdentity);
        continueWith(sa, request, datagram, payloads, authenticator.start(nextIdentifier(sa)));
    }

    /** An IKE_AUTH request during EAP: it carries the peer's EAP response. */
    private void eapResponse(IkeSa sa, IkeMessage request, Datagram datagram) {
        Optional<EapPacket> response = request.first(EapPayload.class)
                .flatMap(p -> EapPacket.decode(p.message().toByteArray()));
        if (response.isEmpty() || response.get().code() != io.flexgate.api.eap.EapCode.RESPONSE
                || response.get().identifier() != sa.eapIdentifier) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "malformed or unexpected EAP response");
            return;
        }
        if (++sa.eapRounds > MAX_EAP_ROUNDS) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "EAP took more than " + MAX_EAP_ROUNDS
                    + " rounds");
            return;
        }
        EapPacket packet = response.get();
        if (sa.awaitingIdentity) {
            sa.awaitingIdentity = false;
            if (!packet.type().equals(EapType.IDENTITY)) {
                fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "peer did not answer EAP-Identity");
                return;
            }
            sa.eapIdentity = new String(packet.typeData(), StandardCharsets.UTF_8);
            LOG.debug("{}:Remote EAP id '{}'", sa.logId(), sa.eapIdentity);
            startMethod(sa, firstInstalledMethod(sa.profile).orElse(sa.profile.eapMethods().get(0)), request,
                    datagram, new ArrayList<>());
            return;
        }
        if (packet.type().equals(EapType.NAK)) {
            Optional<String> alternative = alternativeMethod(sa, packet.typeData());
            if (alternative.isPresent()) {
                LOG.info("{}:Peer declined EAP-{}; switching to EAP-{}", sa.logId(), sa.eapMethodName,
                        alternative.get());
                sa.eap.close();
                sa.eap = null;
                startMethod(sa, alternative.get(), request, datagram, new ArrayList<>());
                return;
            }
        }
        continueWith(sa, request, datagram, new ArrayList<>(), sa.eap.process(packet));
    }

    /** Waits for an EAP step (possibly on an AAA thread), then answers on the SA's executor. */
    private void continueWith(IkeSa sa, IkeMessage request, Datagram datagram, List<IkePayload> payloads,
            CompletionStage<EapStep> stage) {
        sa.pendingRequestId = request.header().messageId();
        stage.whenComplete((step, error) -> r.onSa(sa, () -> {
            sa.pendingRequestId = -1;
            EapStep s = error != null ? new EapStep.Failure(sa.eapIdentity == null ? "" : sa.eapIdentity,
                    "EAP method failed: " + rootMessage(error)) : step;
            onStep(sa, request, datagram, payloads, s);
        }));
    }

    private void onStep(IkeSa sa, IkeMessage request, Datagram datagram, List<IkePayload> payloads, EapStep step) {
        if (step instanceof EapStep.Continue c) {
            sa.eapIdentifier = c.request().identifier();
            payloads.add(eap(c.request()));
            r.respond(sa, datagram, request.header(), payloads);
        } else if (step instanceof EapStep.Success s) {
            sa.username = s.username().equals(sa.eapIdentity) ? sa.eapIdentity : s.username();
            sa.msk = s.msk();
            sa.eap.close();
            sa.eap = null;
            sa.state = IkeSa.State.AWAITING_AUTH;
            LOG.info("{}:EAP-{} succeeded for user '{}'{}", sa.logId(), sa.eapMethodName, s.username(),
                    s.msk().isPresent() ? "" : " (no MSK: AUTH uses SK_pi/SK_pr)");
            payloads.add(eap(EapPacket.success(sa.eapIdentifier)));
            r.respond(sa, datagram, request.header(), payloads);
        } else if (step instanceof EapStep.Failure f) {
            LOG.warn("{}:Authentication failed for user '{}' from {} (EAP-{}): {}", sa.logId(), f.username(),
                    sa.remote.getAddress().getHostAddress(), sa.eapMethodName, f.reason());
            payloads.add(eap(EapPacket.failure(sa.eapIdentifier)));
            r.respond(sa, datagram, request.header(), payloads);
            sa.state = IkeSa.State.DELETING;
            r.scheduleRemoval(sa, DownReason.ERROR);
        }
    }

    /** The last IKE_AUTH request: the peer's AUTH over the MSK (or SK_pi). */
    private void finalAuth(IkeSa sa, IkeMessage request, Datagram datagram) {
        Optional<AuthPayload> auth = request.first(AuthPayload.class);
        if (auth.isEmpty()) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "final IKE_AUTH without AUTH");
            return;
        }
        SharedKeyAuth mic = new SharedKeyAuth(sa.prf);
        boolean ok = auth.get().method().equals(AuthMethod.SHARED_KEY_MIC)
                && mic.verify(SharedKeyAuth.eapSharedSecret(sa.msk.orElse(null), sa.keys.skPi()), initiatorOctets(sa),
                        auth.get().data().toByteArray());
        if (!ok) {
            fail(sa, request, datagram, NotifyType.AUTHENTICATION_FAILED, "peer AUTH payload does not verify for user '"
                    + sa.username + "'");
            return;
        }
        AuthPayload ourAuth = new AuthPayload(AuthMethod.SHARED_KEY_MIC, Bytes.of(mic.compute(
                SharedKeyAuth.eapSharedSecret(sa.msk.orElse(null), sa.keys.skPr()), responderOctets(sa))));
        setup.establish(sa, request, datagram, List.of(ourAuth));
    }

    /** Answers with one error notify, logs one line, and ends the SA. */
    void fail(IkeSa sa, IkeMessage request, Datagram datagram, NotifyType notify, String reason) {
        LOG.warn("{}:IKE_AUTH from {} failed: {}; sending {}", sa.logId(), sa.remote.getAddress().getHostAddress(),
                reason, notify.name());
        r.respond(sa, datagram, request.header(), List.of(NotifyPayload.of(notify)));
        sa.state = IkeSa.State.DELETING;
        r.scheduleRemoval(sa, DownReason.ERROR);
    }

    /** RFC 7296 section 2.15: RealMessage1 | NonceRData | prf(SK_pi, RestOfInitIDPayload). */
    static byte[] initiatorOctets(IkeSa sa) {
        return AuthOctets.signedOctets(sa.prf, sa.initRequest, sa.nonceR, sa.keys.skPi(), sa.peerId.restOfPayload());
    }

    /** RFC 7296 section 2.15: RealMessage2 | NonceIData | prf(SK_pr, RestOfRespIDPayload). */
    static byte[] responderOctets(IkeSa sa) {
        return AuthOctets.signedOctets(sa.prf, sa.initResponse, sa.nonceI, sa.keys.skPr(), sa.ourId.restOfPayload());
    }

    /**
     * Our signature: RFC 7427 digital signature (method 14) with the best scheme the peer's
     * SIGNATURE_HASH_ALGORITHMS allows for our key, else RSA method 1 with SHA-1 (RFC 7296 section 3.8).
     */
    private AuthPayload sign(Trustpoint trustpoint, byte[] octets, List<HashAlgorithm> peerHashes)
            throws GeneralSecurityException {
        Optional<SignatureScheme> scheme = SignatureHashAlgorithms.choose(peerHashes, trustpoint.keyAlgorithm(),
                trustpoint.keySize(), SignatureScheme.preference());
        if (scheme.isPresent()) {
            return new AuthPayload(AuthMethod.DIGITAL_SIGNATURE,
                    Bytes.of(signatures.signDigitalSignature(trustpoint, scheme.get(), octets)));
        }
        return new AuthPayload(AuthMethod.RSA_DIGITAL_SIGNATURE, Bytes.of(signatures.signRsa(trustpoint, "SHA-1", octets)));
    }

    /**
     * Our IDr: the identity the peer asked for (IDr in its request) when our certificate names it, else the
     * certificate's first DNS name, else its subject DN.
     */
    private static IdPayload ourIdentity(X509Certificate cert, IkeMessage request) {
        List<String> dnsNames = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        dnsNames.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            LOG.debug("certificate SAN unreadable: {}", e.getMessage());
        }
        Optional<IdPayload> asked = request.payloads(IdPayload.class).stream().filter(p -> !p.initiator()).findFirst();
        if (asked.isPresent() && asked.get().idType().equals(IdType.ID_FQDN)) {
            String name = new String(asked.get().data().toByteArray(), StandardCharsets.US_ASCII);
            if (dnsNames.stream().anyMatch(d -> d.equalsIgnoreCase(name))) {
                return new IdPayload(false, IdType.ID_FQDN, asked.get().data());
            }
        }
        if (!dnsNames.isEmpty()) {
            return new IdPayload(false, IdType.ID_FQDN, Bytes.of(dnsNames.get(0).getBytes(StandardCharsets.US_ASCII)));
        }
        return new IdPayload(false, IdType.ID_DER_ASN1_DN, Bytes.of(cert.getSubjectX500Principal().getEncoded()));
    }

    /** The identification data as the profile matches it. */
    static String identityText(IdPayload id) {
        byte[] data = id.data().toByteArray();
        int type = id.idType().value();
        if (type == IdentityMatch.ID_IPV4_ADDR || type == IdentityMatch.ID_IPV6_ADDR) {
            try {
                return InetAddress.getByAddress(data).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return "";
            }
        }
        if (type == IdType.ID_DER_ASN1_DN.value()) {
            try {
                return new javax.security.auth.x500.X500Principal(data).getName();
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    private Optional<String> firstInstalledMethod(IkeProfile profile) {
        return profile.eapMethods().stream().filter(m -> r.services.eapMethod(m).isPresent()).findFirst();
    }

    /** A method of the profile that the peer's Nak asks for and that is installed. */
    private Optional<String> alternativeMethod(IkeSa sa, byte[] nakTypes) {
        for (String m : sa.profile.eapMethods()) {
            if (m.equals(sa.eapMethodName)) {
                continue;
            }
            Optional<EapMethod> method = r.services.eapMethod(m);
            if (method.isPresent() && !method.get().type().isExpanded()) {
                for (byte t : nakTypes) {
                    if ((t & 0xFF) == method.get().type().type()) {
                        return Optional.of(m);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static int nextIdentifier(IkeSa sa) {
        sa.eapIdentifier = (sa.eapIdentifier + 1) & 0xFF;
        return sa.eapIdentifier;
    }

    private static EapPayload eap(EapPacket packet) {
        return new EapPayload(Bytes.of(packet.encode()));
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
