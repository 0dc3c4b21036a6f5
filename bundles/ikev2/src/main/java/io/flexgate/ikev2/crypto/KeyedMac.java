package io.flexgate.ikev2.crypto;

/**
 * A MAC or PRF bound to one key, fed incrementally. Not thread-safe: one per user. {@link #doFinal()}
 * resets it for the next computation under the same key.
 */
public interface KeyedMac extends AutoCloseable {

    KeyedMac update(byte[] data, int offset, int length);

    default KeyedMac update(byte[] data) {
        return update(data, 0, data.length);
    }

    /** The output (truncated for INTEG transforms) and a reset. */
    byte[] doFinal();

    /** Forgets the key as far as the provider allows. */
    @Override
    void close();
}
