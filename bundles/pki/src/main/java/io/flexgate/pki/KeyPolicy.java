package io.flexgate.pki;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Map;

/**
 * The keys a trustpoint accepts (RSA 2048 to 4096 bits, ECDSA on P-256 or P-384) and the checks every
 * key source passes before it becomes a trustpoint: the key belongs to the certificate, and the
 * certificate is not self-signed.
 */
final class KeyPolicy {

    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 4096;
    /** The curves ECDSA trustpoints may use (RFC 4754 groups 19 and 20), by JCA name and size. */
    static final Map<String, Integer> EC_CURVES = Map.of("secp256r1", 256, "secp384r1", 384);

    private KeyPolicy() {
    }

    /** The key's size in bits; throws when the key is outside the accepted sizes and curves. */
    static int keySize(PrivateKey key) throws PkiFileException {
        if (key instanceof RSAPrivateKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw new PkiFileException("an RSA key of " + bits + " bits is outside " + MIN_RSA_BITS + " to "
                        + MAX_RSA_BITS + " bits");
            }
            return bits;
        }
        if (key instanceof ECPrivateKey ec) {
            for (Map.Entry<String, Integer> curve : EC_CURVES.entrySet()) {
                if (sameCurve(ec.getParams(), namedCurve(curve.getKey()))) {
                    return curve.getValue();
                }
            }
            throw new PkiFileException("the EC key is not on P-256 or P-384");
        }
        throw new PkiFileException("a " + key.getAlgorithm() + " key is neither RSA nor EC");
    }

    /** Proves that {@code key} is the private half of {@code cert}'s public key by signing and verifying. */
    static boolean belongsTo(PrivateKey key, X509Certificate cert) {
        String algorithm = "EC".equals(Certificates.keyAlgorithm(key)) ? "SHA256withECDSA" : "SHA256withRSA";
        if (!Certificates.keyAlgorithm(key).equals(Certificates.keyAlgorithm(cert.getPublicKey()))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * IOS refuses a self-signed certificate as the identity of an rsa-sig trustpoint, and so do we: the
     * peer needs a CA to anchor it, and clients such as Windows reject it outright.
     */
    static void refuseSelfSigned(String trustpoint, X509Certificate endEntity) throws PkiFileException {
        if (Certificates.selfSigned(endEntity)) {
            throw new PkiFileException("trustpoint " + trustpoint + ": the certificate '"
                    + Certificates.subject(endEntity) + "' is self-signed; rsa-sig authentication needs a"
                    + " certificate issued by a CA. Import one signed by a CA, or let FlexGate generate a"
                    + " local CA and a server certificate");
        }
    }

    private static ECParameterSpec namedCurve(String name) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(name));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks curve " + name, e);
        }
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder());
    }
}
