package io.flexgate.pki;

import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A trustpoint's checked contents: the key (an accepted size and curve), the certificate it belongs to
 * (never self-signed), every path from it to a root, and the CAs trusted for peers: the configured ones
 * plus the CAs on the trustpoint's own default path, as IOS trusts the CA it enrolled with.
 */
record TrustpointMaterial(String name, PrivateKey privateKey, int keySize, IdentityChains chains,
        List<X509Certificate> trustedCas, PeerValidator peerValidator) {

    TrustpointMaterial {
        trustedCas = List.copyOf(trustedCas);
    }

    static TrustpointMaterial of(String name, KeyMaterial material, List<X509Certificate> trustedCaFiles,
            List<X509CRL> crls, RevocationCheck revocationCheck) throws PkiFileException {
        int keySize = KeyPolicy.keySize(material.privateKey());
        List<X509Certificate> all = new ArrayList<>(material.chain());
        all.addAll(material.otherCertificates());
        X509Certificate endEntity = all.stream().filter(c -> KeyPolicy.belongsTo(material.privateKey(), c))
                .findFirst().orElseThrow(() -> new PkiFileException("trustpoint " + name
                        + ": no certificate belongs to the private key"));
        KeyPolicy.refuseSelfSigned(name, endEntity);
        List<X509Certificate> others = new ArrayList<>(material.otherCertificates());
        others.addAll(trustedCaFiles);
        IdentityChains chains = new IdentityChains(endEntity, material.chain(), others);
        List<X509Certificate> trusted = new ArrayList<>();
        for (X509Certificate ca : trustedCaFiles) {
            addOnce(trusted, ca);
        }
        List<X509Certificate> ownPath = chains.defaultPath();
        for (X509Certificate cert : ownPath.subList(1, ownPath.size())) {
            if (Certificates.isCa(cert) || Certificates.selfSigned(cert)) {
                addOnce(trusted, cert);
            }
        }
        return new TrustpointMaterial(name, material.privateKey(), keySize, chains, trusted,
                new PeerValidator(name, trusted, crls, revocationCheck));
    }

    X509Certificate endEntity() {
        return chains.defaultPath().get(0);
    }

    /** The top of the default path when it is a CA: the certificate clients import to trust us. */
    java.util.Optional<X509Certificate> topCa() {
        List<X509Certificate> path = chains.defaultPath();
        X509Certificate top = path.get(path.size() - 1);
        return path.size() > 1 && (Certificates.isCa(top) || Certificates.selfSigned(top))
                ? java.util.Optional.of(top) : java.util.Optional.empty();
    }

    private static void addOnce(List<X509Certificate> list, X509Certificate cert) {
        if (list.stream().noneMatch(c -> Certificates.sameEncoding(c, cert))) {
            list.add(cert);
        }
    }
}
