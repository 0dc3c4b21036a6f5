package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;

/**
 * CHILD_SA keys taken from KEYMAT (RFC 7296 section 2.17): first the initiator-to-responder SA's
 * encryption then integrity key, then the responder-to-initiator SA's. AEAD encryption keys end with their
 * salt; integrity keys are empty for AEAD. {@link #close()} wipes them.
 */
public record ChildSaKeys(Secret initiatorEncryption, Secret initiatorIntegrity, Secret responderEncryption,
        Secret responderIntegrity) implements AutoCloseable {

    @Override
    public void close() {
        initiatorEncryption.wipe();
        initiatorIntegrity.wipe();
        responderEncryption.wipe();
        responderIntegrity.wipe();
    }
}
