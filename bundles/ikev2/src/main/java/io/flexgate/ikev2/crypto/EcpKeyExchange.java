package io.flexgate.ikev2.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * The NIST prime-curve groups 19, 20 and 21 (RFC 5903) on Bouncy Castle's lightweight API with its
 * specialised field arithmetic. Key Exchange Data is {@code x | y}, each coordinate zero-padded to the field
 * length, with no point-format octet (RFC 5903 section 7); g^ir is the x coordinate of the shared point
 * (RFC 5903 section 9). A peer point must be inside the field and on the curve (RFC 6989 section 2.3); the
 * curves have cofactor 1, so that suffices.
 */
final class EcpKeyExchange implements KeyExchange {

    private final DhGroup group;
    private final ECCurve curve;
    private final ECPoint generator;
    private final BigInteger order;
    private final int fieldLength;

    private EcpKeyExchange(DhGroup group, X9ECParameters parameters) {
        this.group = group;
        this.curve = parameters.getCurve();
        this.generator = parameters.getG();
        this.order = parameters.getN();
        this.fieldLength = (curve.getFieldSize() + 7) / 8;
    }

    /** The group, or {@code null}. */
    static KeyExchange of(DhGroup group) {
        if (group.equals(DhGroup.ECP_256)) {
            return new EcpKeyExchange(group, CustomNamedCurves.getByName("secp256r1"));
        } else if (group.equals(DhGroup.ECP_384)) {
            return new EcpKeyExchange(group, CustomNamedCurves.getByName("secp384r1"));
        } else if (group.equals(DhGroup.ECP_521)) {
            return new EcpKeyExchange(group, CustomNamedCurves.getByName("secp521r1"));
        }
        return null;
    }

    @Override
    public DhGroup group() {
        return group;
    }

    @Override
    public int publicValueLength() {
        return 2 * fieldLength;
    }

    @Override
    public boolean isLegacy() {
        return false;
    }

    @Override
    public Ephemeral generate(SecureRandom random) {
        return ephemeral(BigIntegers.createRandomInRange(BigInteger.ONE, order.subtract(BigInteger.ONE), random));
    }

    /** An ephemeral with a given private value, for known-answer tests. */
    Ephemeral ephemeral(BigInteger privateValue) {
        if (privateValue.signum() <= 0 || privateValue.compareTo(order) >= 0) {
            throw new IllegalArgumentException("private value outside [1, n-1]");
        }
        return new EcpEphemeral(privateValue);
    }

    @Override
    public String toString() {
        return group.name();
    }

    /**
     * The peer's point from Key Exchange Data of the right length, after RFC 6989 section 2.3's checks: both
     * coordinates inside the field and the point on the curve (cofactor 1, so nothing more is needed).
     */
    ECPoint checkPeer(byte[] peerPublicValue) throws KeyExchangeException {
        BigInteger x = new BigInteger(1, Arrays.copyOf(peerPublicValue, fieldLength));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(peerPublicValue, fieldLength, 2 * fieldLength));
        if (!curve.isValidFieldElement(x) || !curve.isValidFieldElement(y)) {
            throw new KeyExchangeException(group.name() + " coordinate outside the field");
        }
        try {
            return curve.validatePoint(x, y);
        } catch (IllegalArgumentException e) {
            throw new KeyExchangeException(group.name() + " public value is not on the curve");
        }
    }

    private byte[] coordinate(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(fieldLength, value);
    }

    private final class EcpEphemeral extends EphemeralBase {
        private BigInteger d;

        EcpEphemeral(BigInteger d) {
            super(group);
            this.d = d;
            ECPoint q = new FixedPointCombMultiplier().multiply(generator, d).normalize();
            publicValue(IkeKeyDerivation.concat(coordinate(q.getAffineXCoord().toBigInteger()),
                    coordinate(q.getAffineYCoord().toBigInteger())));
        }

        @Override
        byte[] sharedSecret(byte[] peerPublicValue) throws KeyExchangeException {
            ECPoint shared = checkPeer(peerPublicValue).multiply(d).normalize();
            if (shared.isInfinity()) {
                throw new KeyExchangeException(group.name() + " shared point is the point at infinity");
            }
            return coordinate(shared.getAffineXCoord().toBigInteger());
        }

        /** BigInteger is immutable: dropping the reference is all Java allows. */
        @Override
        void wipePrivate() {
            d = null;
        }
    }
}
