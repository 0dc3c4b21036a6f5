package io.flexgate.pki;

import io.flexgate.api.pki.Trustpoint.PeerValidation;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a peer's certificate chain for {@code authentication remote rsa-sig}: validity dates, the
 * end entity's key usage and extended key usage (RFC 4945 section 5.1.3), then a PKIX path to one of the
 * trusted CAs (JDK {@link CertPathValidator}), with the end entity checked against the configured CRLs.
 * Every rejection is one sentence that names the certificate.
 */
final class PeerValidator {

    /** A peer chain (CERT payloads) longer than this is refused without looking further. */
    static final int MAX_PEER_CHAIN = 8;
    /** Key usage bit digitalSignature (RFC 5280 section 4.2.1.3). */
    static final int KU_DIGITAL_SIGNATURE = 0;
    /** Key usage bit nonRepudiation / contentCommitment. */
    static final int KU_NON_REPUDIATION = 1;
    /**
     * Extended key usages that allow a certificate to authenticate an IKE peer: anyExtendedKeyUsage,
     * serverAuth, clientAuth, ipsecEndSystem, ipsecUser, ipsecIKE (RFC 4945 5.1.3.12) and the IKE
     * intermediate usage 1.3.6.1.5.5.8.2.2 that Windows puts on VPN certificates.
     */
    static final Set<String> IKE_EKUS = Set.of("2.5.29.37.0", "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2",
            "1.3.6.1.5.5.7.3.5", "1.3.6.1.5.5.7.3.7", "1.3.6.1.5.5.7.3.17", "1.3.6.1.5.5.8.2.2");

    private final String trustpoint;
    private final List<X509Certificate> trustedCas;
    private final List<X509CRL> crls;
    private final RevocationCheck revocationCheck;

    PeerValidator(String trustpoint, List<X509Certificate> trustedCas, List<X509CRL> crls,
            RevocationCheck revocationCheck) {
        this.trustpoint = trustpoint;
        this.trustedCas = List.copyOf(trustedCas);
        this.crls = List.copyOf(crls);
        this.revocationCheck = revocationCheck;
    }

    PeerValidation validate(List<X509Certificate> chain, Instant now) {
        if (chain == null || chain.isEmpty()) {
            return new PeerValidation.Invalid("The peer sent no certificate.");
        }
        if (chain.size() > MAX_PEER_CHAIN) {
            return new PeerValidation.Invalid("The peer sent " + chain.size() + " certificates, more than the limit of "
                    + MAX_PEER_CHAIN + ".");
        }
        X509Certificate endEntity = chain.get(0);
        List<X509Certificate> path = orderedPath(chain);
        for (X509Certificate cert : path) {
            String datesProblem = datesProblem(cert, now);
            if (datesProblem != null) {
                return new PeerValidation.Invalid(datesProblem);
            }
        }
        String usageProblem = usageProblem(endEntity);
        if (usageProblem != null) {
            return new PeerValidation.Invalid(usageProblem);
        }
        if (trustedCas.isEmpty()) {
            return new PeerValidation.Invalid("Trustpoint " + trustpoint + " trusts no CA, so certificate '"
                    + Certificates.subject(endEntity) + "' cannot be verified.");
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            validator.validate(certPath, parameters(validator, now));
            return new PeerValidation.Valid(endEntity);
        } catch (CertPathValidatorException e) {
            return new PeerValidation.Invalid(reason(e, path));
        } catch (GeneralSecurityException e) {
            return new PeerValidation.Invalid("Certificate '" + Certificates.subject(endEntity)
                    + "' cannot be validated: " + e.getMessage() + ".");
        }
    }

    /**
     * The end entity, then each certificate's issuer among those the peer sent (CERT payloads need not be
     * in order), stopping below a trusted CA; certificates that are themselves trusted CAs are left out.
     */
    private List<X509Certificate> orderedPath(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(chain.get(0));
        List<X509Certificate> rest = new ArrayList<>(chain.subList(1, chain.size()));
        rest.removeIf(cert -> trustedCas.stream().anyMatch(ca -> Certificates.sameEncoding(ca, cert)));
        X509Certificate top = chain.get(0);
        while (!rest.isEmpty() && !issuedByTrustedCa(top)) {
            X509Certificate current = top;
            X509Certificate issuer = rest.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(current.getIssuerX500Principal()))
                    .findFirst().orElse(null);
            if (issuer == null) {
                break;
            }
            rest.remove(issuer);
            path.add(issuer);
            top = issuer;
        }
        return path;
    }

    private boolean issuedByTrustedCa(X509Certificate cert) {
        return trustedCas.stream().anyMatch(ca -> Certificates.issued(ca, cert));
    }

    private static String datesProblem(X509Certificate cert, Instant now) {
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return "Certificate '" + Certificates.subject(cert) + "' expired on " + cert.getNotAfter().toInstant() + ".";
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            return "Certificate '" + Certificates.subject(cert) + "' is not valid before "
                    + cert.getNotBefore().toInstant() + ".";
        }
        return null;
    }

    /** RFC 4945 5.1.3.2 (key usage) and 5.1.3.12 (extended key usage) for the peer's own certificate. */
    static String usageProblem(X509Certificate cert) {
        boolean[] keyUsage = cert.getKeyUsage();
        if (keyUsage != null && !bit(keyUsage, KU_DIGITAL_SIGNATURE) && !bit(keyUsage, KU_NON_REPUDIATION)) {
            return "Certificate '" + Certificates.subject(cert)
                    + "' may not sign (its key usage lacks digitalSignature and nonRepudiation).";
        }
        try {
            List<String> ekus = cert.getExtendedKeyUsage();
            if (ekus != null && ekus.stream().noneMatch(IKE_EKUS::contains)) {
                return "Certificate '" + Certificates.subject(cert) + "' is not meant for IKE: its extended key usage "
                        + ekus + " has none of serverAuth, clientAuth, ipsecIKE, IKE intermediate or any.";
            }
        } catch (CertificateParsingException e) {
            return "Certificate '" + Certificates.subject(cert) + "' has an unreadable extended key usage.";
        }
        return null;
    }

    private static boolean bit(boolean[] bits, int index) {
        return bits.length > index && bits[index];
    }

    private PKIXParameters parameters(CertPathValidator validator, Instant now) throws GeneralSecurityException {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate ca : trustedCas) {
            anchors.add(new TrustAnchor(ca, null));
        }
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setDate(Date.from(now));
        // the JDK's default checker would try OCSP and distribution points; ours is added explicitly below
        parameters.setRevocationEnabled(false);
        if (revocationCheck == RevocationCheck.crl) {
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
            PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
            // CRLs from the configured file only: no OCSP, no fetching from distribution points
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK, PKIXRevocationChecker.Option.ONLY_END_ENTITY));
            parameters.addCertPathChecker(checker);
        }
        return parameters;
    }

    private String reason(CertPathValidatorException e, List<X509Certificate> path) {
        int index = e.getIndex();
        X509Certificate cert = index >= 0 && index < path.size() ? path.get(index) : path.get(0);
        String subject = "Certificate '" + Certificates.subject(cert) + "'";
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == BasicReason.REVOKED) {
            if (e.getCause() instanceof CertificateRevokedException revoked) {
                return subject + " was revoked on " + revoked.getRevocationDate().toInstant() + " ("
                        + revoked.getRevocationReason() + ") according to the CRL of '"
                        + revoked.getAuthorityName().getName() + "'.";
            }
            return subject + " is revoked.";
        }
        if (reason == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return subject + " cannot be checked for revocation: the CRL file of trustpoint " + trustpoint
                    + " holds no current CRL from '" + Certificates.issuer(cert) + "'.";
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            X509Certificate top = path.get(path.size() - 1);
            return "Certificate '" + Certificates.subject(path.get(0)) + (path.size() == 1 ? "' was issued by '"
                    : "' chains up to '") + Certificates.issuer(top) + "', which is not a CA trusted by trustpoint "
                    + trustpoint + ".";
        }
        if (reason == BasicReason.INVALID_SIGNATURE) {
            return subject + " has a signature that does not verify with the key of '" + Certificates.issuer(cert) + "'.";
        }
        if (reason == PKIXReason.NOT_CA_CERT || reason == PKIXReason.INVALID_KEY_USAGE) {
            return subject + " is used as a CA but may not sign certificates.";
        }
        return subject + " failed path validation: " + e.getMessage() + ".";
    }
}
