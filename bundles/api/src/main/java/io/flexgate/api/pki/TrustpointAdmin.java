package io.flexgate.api.pki;

import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Operator actions on trustpoints, behind {@code crypto:pki-import}, {@code crypto:pki-trustpoints} and
 * {@code crypto:pki-export-ca}. Importing stores the key material and writes the configuration
 * {@code io.flexgate.pki.trustpoint~NAME}; the {@link Trustpoint} service follows once the configuration
 * is activated.
 */
@ProviderType
public interface TrustpointAdmin {

    /**
     * Imports a key with its certificates from a PKCS#12 file or a PEM file (key and certificates in one
     * file), as {@code crypto pki import NAME pkcs12 FILE password PASSWORD}. The same checks apply as
     * when the trustpoint starts (key size and curve, the key belongs to the certificate, the certificate
     * is not self-signed). Other settings of an existing trustpoint of that name (trusted CAs, CRL) are kept.
     *
     * @param password the file's password; the caller wipes it afterwards, it is never stored or logged
     * @return the imported trustpoint as it will be activated
     */
    TrustpointInfo.Active importFile(String name, Path file, char[] password) throws PkiException;

    /** Every configured trustpoint, active or not, by name. */
    List<TrustpointInfo> trustpoints();

    /**
     * Writes the CA certificate that clients import to trust trustpoint {@code name}: the top of its
     * certificate path (the root when the trustpoint holds it), as PEM.
     *
     * @return the certificate written
     */
    CertificateSummary exportCa(String name, Path file) throws PkiException;
}
