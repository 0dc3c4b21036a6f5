package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;

/**
 * CHILD_SA keys taken from KEYMAT (RFC 7296 section 2.17): first the initiator-to-responder SA's
 * encryption then integrity key, then the responder-to-initiator SA's. AEAD encryption keys end with their
 * salt; integrity keys are empty for AEAD. {@link #close()} wipes them.
 */
public record ChildSaKeys(Secret initiatorEncryption, Secret initiatorIntegrity, Secret responderEncryption,
        Secret responderIntegrity) implements AutoCloseable {

    /** The encryption key of the SA carrying what the given side sends. */
    public Secret encryptionKeyOf(boolean initiatorSends) {
        return initiatorSends ? initiatorEncryption : responderEncryption;
    }

    /** The integrity key of the SA carrying what the given side sends (empty for AEAD). */
    public Secret integrityKeyOf(boolean initiatorSends) {
        return initiatorSends ? initiatorIntegrity : responderIntegrity;
    }

    @Override
    public void close() {
        initiatorEncryption.wipe();
        initiatorIntegrity.wipe();
        responderEncryption.wipe();
        responderIntegrity.wipe();
    }
}
