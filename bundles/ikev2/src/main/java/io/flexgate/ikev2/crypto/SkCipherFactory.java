package io.flexgate.ikev2.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Builds what an IKE SA needs from its negotiated transforms: the key lengths for prf+ (RFC 7296 section
 * 2.14), the key derivation, and the {@link SkCipher} pair for its SK payloads. Thread-safe.
 */
public final class SkCipherFactory {

    private final CryptoSuite suite;
    private final SecureRandom random;

    /** @param random the source of CBC IVs and AEAD IV counter starts (injected so that tests can replay) */
    public SkCipherFactory(CryptoSuite suite, SecureRandom random) {
        this.suite = suite;
        this.random = random;
    }

    public CryptoSuite suite() {
        return suite;
    }

    /** The PRF, or an exception naming the transform we cannot run. */
    public Prf prf(IkeSaTransforms transforms) throws UnsupportedTransformException {
        return suite.prf(transforms.prf())
                .orElseThrow(() -> new UnsupportedTransformException("unsupported " + transforms.prf()));
    }

    /** The key derivation of an IKE SA with these transforms. */
    public IkeKeyDerivation keyDerivation(IkeSaTransforms transforms) throws UnsupportedTransformException {
        return new IkeKeyDerivation(prf(transforms));
    }

    /**
     * Key lengths for prf+: SK_e includes the AEAD salt, SK_a is 0 with AEAD.
     *
     * @throws UnsupportedTransformException when a transform is unknown to the suite, or AEAD is combined with
     *                                       an INTEG transform, or a block cipher without one
     */
    public IkeSaKeyLengths keyLengths(IkeSaTransforms transforms) throws UnsupportedTransformException {
        int prfLength = prf(transforms).outputLength();
        if (suite.isAead(transforms.encr())) {
            Aead aead = aead(transforms);
            return new IkeSaKeyLengths(prfLength, 0, aead.keyLength() + aead.saltLength(), prfLength);
        }
        Cipher cipher = cipher(transforms);
        return new IkeSaKeyLengths(prfLength, integrity(transforms).keyLength(), cipher.keyLength(), prfLength);
    }

    /**
     * Key lengths for a CHILD_SA's KEYMAT, from its ESP ENCR transform (with its Key Length attribute in bits, 0
     * when it has none) and INTEG transform ({@link IntegAlgorithm#NONE} with AEAD).
     *
     * @throws UnsupportedTransformException as for {@link #keyLengths}
     */
    public ChildSaKeyLengths childSaKeyLengths(EncrAlgorithm encr, int encrKeyBits, IntegAlgorithm integ)
            throws UnsupportedTransformException {
        IkeSaTransforms esp = new IkeSaTransforms(encr, encrKeyBits, PrfAlgorithm.PRF_HMAC_SHA2_256, integ,
                DhGroup.NONE);
        if (suite.isAead(encr)) {
            Aead aead = aead(esp);
            return new ChildSaKeyLengths(aead.keyLength() + aead.saltLength(), 0);
        }
        return new ChildSaKeyLengths(cipher(esp).keyLength(), integrity(esp).keyLength());
    }

    /**
     * The SK protection of both directions.
     *
     * @param weAreInitiator true when we sent the IKE_SA_INIT request: we then send with SK_ei/SK_ai and
     *                       receive with SK_er/SK_ar
     */
    public SkCipherPair create(IkeSaTransforms transforms, IkeSaKeys keys, boolean weAreInitiator)
            throws UnsupportedTransformException {
        return new SkCipherPair(direction(transforms, keys, weAreInitiator),
                direction(transforms, keys, !weAreInitiator));
    }

    private SkCipher direction(IkeSaTransforms transforms, IkeSaKeys keys, boolean initiatorSends)
            throws UnsupportedTransformException {
        byte[] encryptionKey = keys.encryptionKeyOf(initiatorSends).bytes();
        try {
            if (suite.isAead(transforms.encr())) {
                return new AeadSkCipher(aead(transforms), encryptionKey, random.nextLong());
            }
            byte[] integrityKey = keys.integrityKeyOf(initiatorSends).bytes();
            try {
                return new CbcSkCipher(cipher(transforms), encryptionKey, integrity(transforms), integrityKey, random);
            } finally {
                Arrays.fill(integrityKey, (byte) 0);
            }
        } finally {
            Arrays.fill(encryptionKey, (byte) 0);
        }
    }

    private Aead aead(IkeSaTransforms transforms) throws UnsupportedTransformException {
        if (!transforms.integ().equals(IntegAlgorithm.NONE)) {
            throw new UnsupportedTransformException(transforms.encr() + " must not be combined with "
                    + transforms.integ() + " (RFC 5282 section 8)");
        }
        return suite.aead(transforms.encr(), transforms.encrKeyBits())
                .orElseThrow(() -> new UnsupportedTransformException("unsupported " + transforms.encr() + " with "
                        + transforms.encrKeyBits() + "-bit key"));
    }

    private Cipher cipher(IkeSaTransforms transforms) throws UnsupportedTransformException {
        return suite.cipher(transforms.encr(), transforms.encrKeyBits())
                .orElseThrow(() -> new UnsupportedTransformException("unsupported " + transforms.encr() + " with "
                        + transforms.encrKeyBits() + "-bit key"));
    }

    private Integrity integrity(IkeSaTransforms transforms) throws UnsupportedTransformException {
        return suite.integrity(transforms.integ())
                .orElseThrow(() -> new UnsupportedTransformException("unsupported " + transforms.integ()
                        + " for " + transforms.encr()));
    }
}
