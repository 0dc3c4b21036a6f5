package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;

/**
 * The seven keys of an IKE SA (RFC 7296 section 2.14), in prf+ order. {@link #close()} wipes them all;
 * the record's {@code toString} shows only lengths.
 */
public record IkeSaKeys(Secret skD, Secret skAi, Secret skAr, Secret skEi, Secret skEr, Secret skPi, Secret skPr)
        implements AutoCloseable {

    /** The keys protecting what the given side sends: SK_ei/SK_ai for the initiator, SK_er/SK_ar otherwise. */
    public Secret encryptionKeyOf(boolean initiator) {
        return initiator ? skEi : skEr;
    }

    /** SK_ai or SK_ar (empty with an AEAD cipher). */
    public Secret integrityKeyOf(boolean initiator) {
        return initiator ? skAi : skAr;
    }

    /** SK_pi or SK_pr. */
    public Secret authKeyOf(boolean initiator) {
        return initiator ? skPi : skPr;
    }

    /** Stands for a key that was wiped and dropped by {@link #derivationKeyOnly()}. */
    private static final Secret DROPPED = Secret.copyOf(new byte[0]);

    /**
     * Wipes all but SK_d and returns keys that hold SK_d only: once an SA's SK ciphers exist (each holds its own
     * copy of SK_e and SK_a) and its AUTH payloads are done (SK_p), new keys come from SK_d alone.
     */
    public IkeSaKeys derivationKeyOnly() {
        wipeAllButSkD();
        return new IkeSaKeys(skD, DROPPED, DROPPED, DROPPED, DROPPED, DROPPED, DROPPED);
    }

    @Override
    public void close() {
        skD.wipe();
        wipeAllButSkD();
    }

    private void wipeAllButSkD() {
        skAi.wipe();
        skAr.wipe();
        skEi.wipe();
        skEr.wipe();
        skPi.wipe();
        skPr.wipe();
    }
}
