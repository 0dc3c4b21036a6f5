package io.flexgate.ikev2.initiator;

import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.SignatureAuth;
import io.flexgate.ikev2.crypto.SignatureScheme;
import io.flexgate.ikev2.message.AuthPayload;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Checks the headend before any password leaves the client: its certificate chain against our CA (PKIX,
 * RFC 5280), its name against the one we dialled (RFC 6125: DNS subjectAltName, a left-most wildcard label,
 * the common name only when there is no DNS name), and its AUTH signature over the responder's signed octets
 * (RFC 7296 section 2.15, RFC 7427 or method 1 with SHA-1 or the hash Cisco uses).
 */
final class ServerCheck {

    /** subjectAltName type numbers (RFC 5280 section 4.2.1.6). */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    /** Digests tried for method 1: RFC 7296's SHA-1, then the PRF hashes Cisco signs with (anchors.md 2.6). */
    private static final List<String> RSA_DIGESTS = List.of("SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private final Set<TrustAnchor> anchors;
    private final SignatureAuth signatures;

    ServerCheck(List<X509Certificate> trustedCas, CryptoSuite suite) {
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate ca : trustedCas) {
            a.add(new TrustAnchor(ca, null));
        }
        this.anchors = Set.copyOf(a);
        this.signatures = new SignatureAuth(suite);
    }

    /** Empty when the chain (end entity first) leads to one of our CAs at {@code now}; else the reason. */
    Optional<String> validateChain(List<X509Certificate> chain, Instant now) {
        if (chain.isEmpty()) {
            return Optional.of("the server sent no certificate");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // no CRL/OCSP reachable before the tunnel is up
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of("the server certificate '" + chain.get(0).getSubjectX500Principal().getName()
                    + "' is not trusted: " + e.getMessage());
        }
    }

    /** Empty when {@code cert} names {@code expected}; else the reason. */
    static Optional<String> checkName(X509Certificate cert, String expected) {
        String want = expected.toLowerCase(Locale.ROOT);
        boolean literal = isIpLiteral(want);
        boolean anyDns = false;
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
                    if (type == SAN_DNS) {
                        anyDns = true;
                        if (!literal && dnsMatches(value, want)) {
                            return Optional.empty();
                        }
                    } else if (type == SAN_IP && literal && sameAddress(value, want)) {
                        return Optional.empty();
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.of("the server certificate's subjectAltName is unreadable: " + e.getMessage());
        }
        if (!anyDns && !literal) {
            Optional<String> cn = commonName(cert);
            if (cn.isPresent() && dnsMatches(cn.get().toLowerCase(Locale.ROOT), want)) {
                return Optional.empty();
            }
        }
        return Optional.of("the server certificate '" + cert.getSubjectX500Principal().getName()
                + "' is not issued to " + expected);
    }

    /** Empty when the AUTH payload verifies with the end entity's key over {@code octets}; else the reason. */
    Optional<String> verifyAuth(X509Certificate endEntity, AuthPayload auth, byte[] octets) {
        byte[] data = auth.data().toByteArray();
        SignatureAuth.Verification v;
        if (auth.method().equals(AuthMethod.DIGITAL_SIGNATURE)) {
            v = signatures.verifyDigitalSignature(endEntity.getPublicKey(), data, octets, SignatureScheme.preference());
        } else if (auth.method().equals(AuthMethod.RSA_DIGITAL_SIGNATURE)) {
            v = signatures.verifyRsa(endEntity.getPublicKey(), data, octets, RSA_DIGESTS);
        } else if (auth.method().equals(AuthMethod.ECDSA_SHA256_P256) || auth.method().equals(AuthMethod.ECDSA_SHA384_P384)
                || auth.method().equals(AuthMethod.ECDSA_SHA512_P521)) {
            v = signatures.verifyEcdsa(endEntity.getPublicKey(), auth.method(), data, octets);
        } else {
            return Optional.of("the server authenticated with " + auth.method().name() + ", not with its certificate");
        }
        return v instanceof SignatureAuth.Verification.Invalid i
                ? Optional.of("the server's AUTH signature does not verify: " + i.reason()) : Optional.empty();
    }

    private static boolean dnsMatches(String pattern, String name) {
        if (pattern.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(name);
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("[0-9.]+");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals only: no DNS lookup
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
