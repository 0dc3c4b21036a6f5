package io.flexgate.pki;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Bundle-wide PKI settings, configuration {@code io.flexgate.pki} (optional): where key material is
 * stored, and what the first start generates when no trustpoint is configured.
 */
@ObjectClassDefinition(name = "FlexGate PKI", description = "Key material directory and the local CA"
        + " generated on first start")
public @interface PkiSettings {

    String PID = "io.flexgate.pki";

    @AttributeDefinition(name = "PKI directory", description = "Where imported and generated key material is"
            + " stored, relative to ${karaf.data} unless absolute")
    String pki_dir() default PkiPaths.DEFAULT_PKI_DIR;

    @AttributeDefinition(name = "Generate on first start", description = "Generate a local CA and a server"
            + " certificate when no trustpoint is configured")
    boolean generate() default true;

    @AttributeDefinition(name = "Trustpoint name", description = "Name of the generated trustpoint, the one the"
            + " IKEv2 profiles name")
    String generate_trustpoint() default "IKEv2-TP";

    @AttributeDefinition(name = "FQDN", description = "DNS name clients connect to (CN and subjectAltName of the"
            + " server certificate); empty = this host's canonical name", required = false)
    String fqdn() default "";

    @AttributeDefinition(name = "Address", description = "IP address clients connect to, added to the"
            + " subjectAltName; empty = none", required = false)
    String address() default "";

    @AttributeDefinition(name = "CA key type", description = "RSA (3072 bits) or EC (P-384)")
    CaKeyType ca_key_type() default CaKeyType.RSA;

    @AttributeDefinition(name = "Key generation provider", description = "Provider of the RSA keys the first start"
            + " and renewals generate: auto (Amazon Corretto Crypto Provider when its native library loads, else the"
            + " JDK), corretto (required), jdk (never native)")
    String crypto_provider() default "auto";

    @AttributeDefinition(name = "Server certificate validity (days)")
    int server_validity_days() default 825;

    @AttributeDefinition(name = "CA certificate file", description = "Where the CA certificate clients import is"
            + " written, relative to the PKI directory")
    String ca_export_file() default "ca.crt";
}
