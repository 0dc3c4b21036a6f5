package io.flexgate.ikev2.crypto;

/** The two directions of an IKE SA's SK protection. {@link #close()} wipes both. */
public record SkCipherPair(SkCipher outbound, SkCipher inbound) implements AutoCloseable {

    @Override
    public void close() {
        outbound.close();
        inbound.close();
    }
}
