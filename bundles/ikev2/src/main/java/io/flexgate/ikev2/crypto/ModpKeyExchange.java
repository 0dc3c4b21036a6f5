package io.flexgate.ikev2.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The MODP groups over safe primes: 2 (RFC 2409 section 6.2, legacy), 14, 15 and 16 (RFC 3526). Public
 * values and g^ir are big-endian and zero-padded to the length of the prime (RFC 7296 sections 3.4 and
 * 2.14). A peer value must satisfy 1 < y < p-1, which for a safe prime is the whole check RFC 6989
 * section 2.2 asks for.
 */
final class ModpKeyExchange implements KeyExchange {

    private final DhGroup group;
    private final BigInteger p;
    private final BigInteger g;
    private final int length;
    private final int exponentBits;

    private ModpKeyExchange(DhGroup group, DHParameters parameters, int exponentBits) {
        this.group = group;
        this.p = parameters.getP();
        this.g = parameters.getG();
        this.length = (p.bitLength() + 7) / 8;
        this.exponentBits = exponentBits;
    }

    /**
     * The group, or {@code null}. Exponent sizes follow the larger estimates of RFC 3526 section 8 (and
     * twice the 80-bit strength of MODP-1024).
     */
    static KeyExchange of(DhGroup group) {
        if (group.equals(DhGroup.MODP_1024)) {
            return new ModpKeyExchange(group, DHStandardGroups.rfc2409_1024, 160);
        } else if (group.equals(DhGroup.MODP_2048)) {
            return new ModpKeyExchange(group, DHStandardGroups.rfc3526_2048, 320);
        } else if (group.equals(DhGroup.MODP_3072)) {
            return new ModpKeyExchange(group, DHStandardGroups.rfc3526_3072, 420);
        } else if (group.equals(DhGroup.MODP_4096)) {
            return new ModpKeyExchange(group, DHStandardGroups.rfc3526_4096, 480);
        }
        return null;
    }

    @Override
    public DhGroup group() {
        return group;
    }

    @Override
    public int publicValueLength() {
        return length;
    }

    @Override
    public boolean isLegacy() {
        return group.equals(DhGroup.MODP_1024);
    }

    @Override
    public Ephemeral generate(SecureRandom random) {
        BigInteger x;
        do {
            x = new BigInteger(exponentBits, random);
        } while (x.bitLength() < exponentBits - 8);
        return new ModpEphemeral(x);
    }

    @Override
    public String toString() {
        return group.name();
    }

    private final class ModpEphemeral extends EphemeralBase {
        private BigInteger x;

        ModpEphemeral(BigInteger x) {
            super(group);
            this.x = x;
            publicValue(BigIntegers.asUnsignedByteArray(length, g.modPow(x, p)));
        }

        @Override
        byte[] sharedSecret(byte[] peerPublicValue) throws KeyExchangeException {
            BigInteger y = new BigInteger(1, peerPublicValue);
            if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
                throw new KeyExchangeException(group.name() + " public value outside 1 < y < p-1");
            }
            return BigIntegers.asUnsignedByteArray(length, y.modPow(x, p));
        }

        /** BigInteger is immutable: dropping the reference is all Java allows. */
        @Override
        void wipePrivate() {
            x = null;
        }
    }
}
