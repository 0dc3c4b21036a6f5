package io.flexgate.pki;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One trustpoint, configuration {@code io.flexgate.pki.trustpoint~NAME} (file
 * {@code etc/io.flexgate.pki.trustpoint-NAME.cfg}). The key comes either from {@code pkcs12.file} or
 * from {@code key.file} + {@code cert.file} (+ {@code chain.files}); relative paths resolve against
 * {@code base.dir}, by default the distribution's data directory ({@code ${karaf.data}}).
 */
@ObjectClassDefinition(name = "FlexGate PKI trustpoint", description = "crypto pki trustpoint: a signing key,"
        + " its certificate chain and the CAs trusted for peer certificates")
public @interface TrustpointConfig {

    String FACTORY_PID = "io.flexgate.pki.trustpoint";

    @AttributeDefinition(name = "Name", description = "The trustpoint's name, as IKEv2 profiles refer to it"
            + " (pki trustpoint NAME); also the service property trustpoint.name")
    String trustpoint_name();

    @AttributeDefinition(name = "Base directory", description = "Directory that relative paths resolve"
            + " against; empty = ${karaf.data}", required = false)
    String base_dir() default "";

    @AttributeDefinition(name = "PKCS#12 file", description = "Key and certificate chain", required = false)
    String pkcs12_file() default "";

    @AttributeDefinition(name = "Password", description = "Password of the PKCS#12 file or encrypted PEM key",
            type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    @AttributeDefinition(name = "Password file", description = "File whose first line is the password"
            + " (used when no password is set)", required = false)
    String password_file() default "";

    @AttributeDefinition(name = "PEM key file", required = false)
    String key_file() default "";

    @AttributeDefinition(name = "PEM certificate file", description = "The trustpoint's certificate; may be"
            + " followed by its CA chain", required = false)
    String cert_file() default "";

    @AttributeDefinition(name = "Chain files", description = "Further CA certificates (PEM or DER) that"
            + " complete or vary the chain sent to peers", required = false)
    String[] chain_files() default {};

    @AttributeDefinition(name = "Certificate SHA-256", description = "Fingerprint the trustpoint's certificate"
            + " must have (colon-separated hex); empty = not checked. Import and generation set it", required = false)
    String certificate_sha256() default "";

    @AttributeDefinition(name = "Trusted CA files", description = "CA certificates trusted for peer"
            + " certificates, besides the CAs of the trustpoint's own chain", required = false)
    String[] trusted_ca_files() default {};

    @AttributeDefinition(name = "CRL file", description = "CRLs (PEM or DER) for revocation-check crl",
            required = false)
    String crl_file() default "";

    @AttributeDefinition(name = "Revocation check", description = "none or crl", required = false)
    RevocationCheck revocation_check() default RevocationCheck.none;

    @AttributeDefinition(name = "FQDN", description = "The name clients connect to; a warning is logged"
            + " when the certificate's subjectAltName lacks it", required = false)
    String fqdn() default "";

    @AttributeDefinition(name = "Address", description = "The address clients connect to; a warning is"
            + " logged when the certificate's subjectAltName lacks it", required = false)
    String address() default "";
}
