package io.flexgate.api;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Key material or a password, held as bytes that can be wiped.
 *
 * <p>A {@code Secret} copies its input and hands out copies, so no caller can change it; {@link #wipe()}
 * overwrites it with zeros once its owner is done (an IKE SA deleted, an EAP conversation ended).
 * {@link #toString()} never prints the value, so a secret that ends up in a log line shows only its length.
 * Comparison is constant-time. Safe to share between threads; wiping while another thread reads it
 * yields zeros or the value, never an exception.
 */
public final class Secret implements AutoCloseable {

    private final byte[] value;
    private volatile boolean wiped;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** A secret holding a copy of {@code bytes}. */
    public static Secret copyOf(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /**
     * A secret holding {@code chars} encoded as UTF-8 (passwords). The caller should clear its own array.
     */
    public static Secret ofPassword(char[] chars) {
        java.nio.ByteBuffer encoded = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return new Secret(bytes);
    }

    /** A copy of the value; the caller owns (and should wipe) the copy. */
    public byte[] bytes() {
        return value.clone();
    }

    /** The value decoded as UTF-8 (for passwords); the caller should clear the returned array. */
    public char[] chars() {
        java.nio.CharBuffer decoded = java.nio.charset.StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(value));
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        if (decoded.hasArray()) {
            Arrays.fill(decoded.array(), '\0');
        }
        return chars;
    }

    public int length() {
        return value.length;
    }

    /** True once {@link #wipe()} ran; the value is then all zeros. */
    public boolean isWiped() {
        return wiped;
    }

    /** Constant-time comparison with {@code other} (time depends on the lengths only). */
    public boolean equalsConstantTime(byte[] other) {
        return MessageDigest.isEqual(value, other);
    }

    /** Constant-time comparison of two secrets. */
    public boolean equalsConstantTime(Secret other) {
        return MessageDigest.isEqual(value, other.value);
    }

    /** Overwrites the value with zeros. Idempotent. */
    public void wipe() {
        Arrays.fill(value, (byte) 0);
        wiped = true;
    }

    @Override
    public void close() {
        wipe();
    }

    /** Never the value: {@code Secret[32 bytes]}. */
    @Override
    public String toString() {
        return "Secret[" + value.length + " bytes" + (wiped ? ", wiped]" : "]");
    }

    /** Secrets are compared by identity; use {@link #equalsConstantTime(Secret)} for the value. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
