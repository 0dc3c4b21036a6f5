package io.flexgate.ikev2.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.security.auth.DestroyFailedException;
import org.bouncycastle.util.BigIntegers;

/**
 * The NIST prime-curve groups 19, 20 and 21 (RFC 5903) on a JCA provider, for a native one (Amazon Corretto
 * Crypto Provider: P-256 keygen + ECDH in 0.08 ms against Bouncy Castle's 0.44 ms here, docs/performance.md).
 * The wire format and the peer checks are {@link EcpKeyExchange}'s: {@code x | y} without a point-format
 * octet, g^ir the x coordinate, and a peer point inside the field and on the curve (RFC 6989 section 2.3),
 * checked by Bouncy Castle's curve arithmetic before the provider sees it. The provider draws the private
 * value from its own generator, not from the {@link SecureRandom} passed to {@link #generate}.
 */
final class JcaEcpKeyExchange implements KeyExchange {

    private final EcpKeyExchange wire;
    private final Provider provider;
    private final ECGenParameterSpec curveName;
    private final ECParameterSpec parameters;

    private JcaEcpKeyExchange(EcpKeyExchange wire, Provider provider, String curveName)
            throws GeneralSecurityException {
        this.wire = wire;
        this.provider = provider;
        this.curveName = new ECGenParameterSpec(curveName);
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(this.curveName);
        this.parameters = p.getParameterSpec(ECParameterSpec.class);
    }

    /**
     * The group on {@code provider}, or {@code null} when the group is not an ECP group or the provider lacks
     * EC key generation or ECDH for its curve.
     */
    static KeyExchange of(DhGroup group, Provider provider) {
        KeyExchange wire = EcpKeyExchange.of(group);
        if (wire == null) {
            return null;
        }
        String curve = group.equals(DhGroup.ECP_256) ? "secp256r1" : group.equals(DhGroup.ECP_384) ? "secp384r1"
                : "secp521r1";
        try {
            JcaEcpKeyExchange kx = new JcaEcpKeyExchange((EcpKeyExchange) wire, provider, curve);
            kx.generate(null).close();
            return kx;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return null;
        }
    }

    @Override
    public DhGroup group() {
        return wire.group();
    }

    @Override
    public int publicValueLength() {
        return wire.publicValueLength();
    }

    @Override
    public boolean isLegacy() {
        return false;
    }

    /** The provider that computes this group. */
    Provider provider() {
        return provider;
    }

    @Override
    public Ephemeral generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(curveName);
            return new JcaEphemeral(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(group().name() + " key generation failed on " + provider.getName(), e);
        }
    }

    /** An ephemeral with a given key pair (a known-answer test's private and public value). */
    Ephemeral ephemeral(BigInteger privateValue, byte[] publicValue) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("EC", provider);
        PrivateKey d = factory.generatePrivate(new java.security.spec.ECPrivateKeySpec(privateValue, parameters));
        return new JcaEphemeral(new KeyPair(publicKey(publicValue), d));
    }

    @Override
    public String toString() {
        return group().name() + " on " + provider.getName();
    }

    private ECPublicKey publicKey(byte[] value) throws GeneralSecurityException {
        int half = value.length / 2;
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOf(value, half)),
                new BigInteger(1, Arrays.copyOfRange(value, half, value.length)));
        return (ECPublicKey) KeyFactory.getInstance("EC", provider).generatePublic(new ECPublicKeySpec(w, parameters));
    }

    private final class JcaEphemeral extends EphemeralBase {
        private PrivateKey d;

        JcaEphemeral(KeyPair pair) {
            super(wire.group());
            this.d = pair.getPrivate();
            ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
            int length = wire.publicValueLength() / 2;
            publicValue(IkeKeyDerivation.concat(BigIntegers.asUnsignedByteArray(length, w.getAffineX()),
                    BigIntegers.asUnsignedByteArray(length, w.getAffineY())));
        }

        @Override
        byte[] sharedSecret(byte[] peerPublicValue) throws KeyExchangeException {
            wire.checkPeer(peerPublicValue);
            byte[] secret;
            try {
                KeyAgreement agreement = KeyAgreement.getInstance("ECDH", provider);
                agreement.init(d);
                agreement.doPhase(publicKey(peerPublicValue), true);
                secret = agreement.generateSecret();
            } catch (GeneralSecurityException e) {
                throw new KeyExchangeException(group().name() + " agreement refused by " + provider.getName());
            }
            int length = wire.publicValueLength() / 2;
            if (secret.length == length) {
                return secret;
            }
            byte[] padded = BigIntegers.asUnsignedByteArray(length, new BigInteger(1, secret));
            Arrays.fill(secret, (byte) 0);
            return padded;
        }

        /** Destroys the provider's key where it allows that (PrivateKey is Destroyable), and drops the reference. */
        @Override
        void wipePrivate() {
            if (d != null && !d.isDestroyed()) {
                try {
                    d.destroy();
                } catch (DestroyFailedException e) {
                    // The JDK's default: not destroyable. Dropping the reference is all that is left.
                }
            }
            d = null;
        }
    }
}
