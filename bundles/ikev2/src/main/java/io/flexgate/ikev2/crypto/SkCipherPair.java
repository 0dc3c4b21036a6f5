package io.flexgate.ikev2.crypto;

/** The two directions of an IKE SA's SK protection. {@link #close()} wipes both. */
public record SkCipherPair(SkCipher outbound, SkCipher inbound) implements AutoCloseable {

    /** Both directions keep no cipher objects between operations from now on (an established, idle SA). */
    public void releaseBetweenOperations() {
        outbound.releaseBetweenOperations();
        inbound.releaseBetweenOperations();
    }

    @Override
    public void close() {
        outbound.close();
        inbound.close();
    }
}
