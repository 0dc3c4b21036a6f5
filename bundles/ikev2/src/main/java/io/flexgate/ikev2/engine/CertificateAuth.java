package io.flexgate.ikev2.engine;

import io.flexgate.api.pki.Trustpoint;
import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.SignatureAuth;
import io.flexgate.ikev2.crypto.SignatureScheme;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.CertEncoding;
import io.flexgate.ikev2.message.CertPayload;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * {@code authentication remote rsa-sig}: the peer's certificate chain from its CERT payloads, validated by the
 * profile's trustpoint; its identity bound to IDi (RFC 4945 section 3.1); and its AUTH signature over the
 * initiator's signed octets (RFC 7296 section 2.15), as RFC 7427 digital signature, RSA method 1 or ECDSA
 * (RFC 4754).
 */
final class CertificateAuth {

    /** CERT payloads of one peer we look at: the end entity and intermediates (a longer chain is refused). */
    static final int MAX_PEER_CERTIFICATES = 8;
    /** subjectAltName types (RFC 5280 section 4.2.1.6). */
    private static final int SAN_RFC822 = 1;
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    /** The verdict on the peer's certificate authentication. */
    sealed interface Result {
        record Verified(X509Certificate endEntity, String algorithm) implements Result {
        }

        /** One sentence for the log: which check failed and why. */
        record Failed(String reason) implements Result {
        }
    }

    private final SignatureAuth signatures;

    CertificateAuth(SignatureAuth signatures) {
        this.signatures = signatures;
    }

    /**
     * Checks the first IKE_AUTH request of a certificate peer.
     *
     * @param signedOctets the initiator's signed octets (section 2.15)
     * @param rsaDigests   digests to try for method 1 AUTH ({@code SHA-1}, then the PRF's hash)
     */
    Result verify(IkeMessage request, IdPayload idi, Trustpoint trustpoint, byte[] signedOctets, List<String> rsaDigests,
            Instant now) {
        Optional<AuthPayload> auth = request.first(AuthPayload.class);
        if (auth.isEmpty()) {
            return new Result.Failed("the peer sent no AUTH payload (it asked for EAP), and the profile authenticates "
                    + "it with a certificate (rsa-sig)");
        }
        List<CertPayload> certs = request.payloads(CertPayload.class);
        if (certs.isEmpty()) {
            return new Result.Failed("the peer sent no certificate (CERT payload)");
        }
        if (certs.size() > MAX_PEER_CERTIFICATES) {
            return new Result.Failed("the peer sent " + certs.size() + " certificates, more than "
                    + MAX_PEER_CERTIFICATES);
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (CertPayload c : certs) {
                if (!c.encoding().equals(CertEncoding.X509_SIGNATURE)) {
                    return new Result.Failed("certificate encoding " + c.encoding() + " is not supported (X.509 only)");
                }
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(c.data().toByteArray())));
            }
        } catch (CertificateException | ClassCastException e) {
            return new Result.Failed("the peer's certificate cannot be parsed: " + e.getMessage());
        }
        if (trustpoint.validatePeer(chain, now) instanceof Trustpoint.PeerValidation.Invalid invalid) {
            return new Result.Failed("certificate of '" + chain.get(0).getSubjectX500Principal().getName()
                    + "' not valid for trustpoint " + trustpoint.name() + ": " + invalid.reason());
        }
        X509Certificate endEntity = chain.get(0);
        if (!identityMatches(idi, endEntity)) {
            return new Result.Failed("identity " + idi.idType().name() + " '" + AuthExchange.identityText(idi)
                    + "' is not in the certificate of '" + endEntity.getSubjectX500Principal().getName() + "'");
        }
        AuthMethod method = auth.get().method();
        byte[] data = auth.get().data().toByteArray();
        SignatureAuth.Verification v;
        if (method.equals(AuthMethod.DIGITAL_SIGNATURE)) {
            v = signatures.verifyDigitalSignature(endEntity.getPublicKey(), data, signedOctets,
                    SignatureScheme.preference());
        } else if (method.equals(AuthMethod.RSA_DIGITAL_SIGNATURE)) {
            v = signatures.verifyRsa(endEntity.getPublicKey(), data, signedOctets, rsaDigests);
        } else if (method.equals(AuthMethod.ECDSA_SHA256_P256) || method.equals(AuthMethod.ECDSA_SHA384_P384)
                || method.equals(AuthMethod.ECDSA_SHA512_P521)) {
            v = signatures.verifyEcdsa(endEntity.getPublicKey(), method, data, signedOctets);
        } else {
            return new Result.Failed("AUTH method " + method + " is not a signature");
        }
        if (v instanceof SignatureAuth.Verification.Invalid invalid) {
            return new Result.Failed("AUTH signature does not verify with the certificate of '"
                    + endEntity.getSubjectX500Principal().getName() + "': " + invalid.reason());
        }
        return new Result.Verified(endEntity, ((SignatureAuth.Verification.Valid) v).algorithm());
    }

    /** RFC 4945 section 3.1: IDi names the certificate's subject or one of its subjectAltNames. */
    static boolean identityMatches(IdPayload idi, X509Certificate cert) {
        byte[] data = idi.data().toByteArray();
        if (idi.idType().equals(IdType.ID_DER_ASN1_DN)) {
            try {
                return new X500Principal(data).equals(cert.getSubjectX500Principal());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        int sanType;
        String wanted;
        if (idi.idType().equals(IdType.ID_FQDN)) {
            sanType = SAN_DNS;
            wanted = new String(data, StandardCharsets.US_ASCII);
        } else if (idi.idType().equals(IdType.ID_RFC822_ADDR)) {
            sanType = SAN_RFC822;
            wanted = new String(data, StandardCharsets.US_ASCII);
        } else if (idi.idType().equals(IdType.ID_IPV4_ADDR) || idi.idType().equals(IdType.ID_IPV6_ADDR)) {
            sanType = SAN_IP;
            wanted = AuthExchange.identityText(idi);
        } else {
            return false;
        }
        try {
            if (cert.getSubjectAlternativeNames() == null) {
                return false;
            }
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                if (Integer.valueOf(sanType).equals(san.get(0)) && sameName(sanType, String.valueOf(san.get(1)), wanted)) {
                    return true;
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return false;
    }

    private static boolean sameName(int sanType, String san, String wanted) {
        if (sanType != SAN_IP) {
            return san.equalsIgnoreCase(wanted);
        }
        try {
            return InetAddress.getByName(san).equals(InetAddress.getByName(wanted)); // literals only: no lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
