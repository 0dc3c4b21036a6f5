package io.flexgate.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a PKCS#12 or PEM source holds: one private key, its certificate chain as the source ordered it
 * (end entity first), and any other certificates found beside it (further CAs, cross-certificates).
 */
record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain, List<X509Certificate> otherCertificates) {

    KeyMaterial {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least its own certificate");
        }
        chain = List.copyOf(chain);
        otherCertificates = List.copyOf(otherCertificates);
    }

    X509Certificate endEntity() {
        return chain.get(0);
    }
}
