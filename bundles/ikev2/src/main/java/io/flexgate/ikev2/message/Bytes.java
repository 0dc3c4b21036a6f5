package io.flexgate.ikev2.message;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable octet string: the array is copied in and out, so a decoded payload cannot be changed
 * behind the back of whoever holds it. Equality is by content; {@link #equals} is constant-time because
 * payload data may be a MAC or a nonce.
 */
public final class Bytes {

    /** The empty octet string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] octets;

    private Bytes(byte[] owned) {
        this.octets = owned;
    }

    /** Copies {@code octets}. */
    public static Bytes of(byte[] octets) {
        return octets.length == 0 ? EMPTY : new Bytes(octets.clone());
    }

    /** Copies {@code length} octets of {@code source} from {@code offset}. */
    public static Bytes of(byte[] source, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** Parses hexadecimal digits (for tests and configuration). */
    public static Bytes ofHex(String hex) {
        return of(HEX.parseHex(hex));
    }

    /** A copy of the octets. */
    public byte[] toByteArray() {
        return octets.clone();
    }

    public int length() {
        return octets.length;
    }

    public boolean isEmpty() {
        return octets.length == 0;
    }

    /** Octet {@code index} as an unsigned value. */
    public int get(int index) {
        return octets[index] & 0xFF;
    }

    /** Copies the octets into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(octets, 0, target, offset, octets.length);
    }

    public String toHex() {
        return HEX.formatHex(octets);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Bytes b && MessageDigest.isEqual(octets, b.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    /** Length only: payload data can be secret (nonces, AUTH, EAP), so it is never shown by accident. */
    @Override
    public String toString() {
        return "Bytes[" + octets.length + "]";
    }
}
