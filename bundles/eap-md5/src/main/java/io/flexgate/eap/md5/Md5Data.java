package io.flexgate.eap.md5;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The type-data of an EAP-MD5 request or response (RFC 3748 section 5.4, RFC 1994 section 4.1):
 * Value-Size (1 octet), Value, Name (the rest). In a request the value is the challenge, in a response the
 * 16-octet MD5 hash. Immutable; arrays are copied in and out.
 *
 * @param value the challenge or the response value, 1..{@value #MAX_VALUE_SIZE} octets
 * @param name  the sender's name, possibly empty
 */
record Md5Data(byte[] value, byte[] name) {

    /** Value-Size is one octet. */
    static final int MAX_VALUE_SIZE = 255;
    /** The response value is an MD5 hash (RFC 1994 section 4.1). */
    static final int RESPONSE_VALUE_SIZE = 16;

    Md5Data {
        if (value.length < 1 || value.length > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("EAP-MD5 value of " + value.length + " octets, must be 1.." + MAX_VALUE_SIZE);
        }
        value = value.clone();
        name = name.clone();
    }

    static Md5Data withName(byte[] value, String name) {
        return new Md5Data(value, name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes type-data.
     *
     * @return empty when Value-Size is 0 or runs past the end of the data
     */
    static Optional<Md5Data> decode(byte[] typeData) {
        if (typeData.length < 1) {
            return Optional.empty();
        }
        int size = typeData[0] & 0xFF;
        if (size == 0 || 1 + size > typeData.length) {
            return Optional.empty();
        }
        return Optional.of(new Md5Data(Arrays.copyOfRange(typeData, 1, 1 + size),
                Arrays.copyOfRange(typeData, 1 + size, typeData.length)));
    }

    byte[] encode() {
        byte[] out = new byte[1 + value.length + name.length];
        out[0] = (byte) value.length;
        System.arraycopy(value, 0, out, 1, value.length);
        System.arraycopy(name, 0, out, 1 + value.length, name.length);
        return out;
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public byte[] name() {
        return name.clone();
    }

    /** The name as text, for logs (names are printable in practice; undecodable octets become U+FFFD). */
    String nameText() {
        return new String(name, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Md5Data d && Arrays.equals(d.value, value) && Arrays.equals(d.name, name);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Arrays.hashCode(name);
    }

    /** Sizes and name only: a response value allows an offline dictionary attack on the password. */
    @Override
    public String toString() {
        return "Md5Data[value=" + value.length + " octets, name=" + nameText() + "]";
    }
}
