package io.flexgate.aaa.radius.packet;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One attribute (RFC 2865 section 5): a type and up to {@link #MAX_VALUE} octets of value, copied in and
 * out. Typed readers check the length the data type needs (RFC 8044 section 3: integer and ipv4addr are
 * four octets).
 */
public record RadiusAttribute(int type, byte[] value) {

    /** A Length octet counts the two header octets: 255 - 2. */
    public static final int MAX_VALUE = 253;
    /** Type and Length octets. */
    public static final int HEADER = 2;

    public RadiusAttribute {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("attribute type must be 1..255, not " + type);
        }
        if (value.length > MAX_VALUE) {
            throw new IllegalArgumentException("attribute " + type + " value of " + value.length + " octets exceeds "
                    + MAX_VALUE);
        }
        value = value.clone();
    }

    public static RadiusAttribute text(int type, String text) {
        return new RadiusAttribute(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static RadiusAttribute integer(int type, long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("attribute " + type + " integer out of range: " + value);
        }
        int v = (int) value;
        return new RadiusAttribute(type, new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    public static RadiusAttribute address(int type, Inet4Address address) {
        return new RadiusAttribute(type, address.getAddress());
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** The value as UTF-8 text (RFC 8044 section 3.4). */
    public String asText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The value as an unsigned 32-bit integer (RFC 8044 section 3.1). */
    public long asInteger() throws RadiusFormatException {
        if (value.length != 4) {
            throw new RadiusFormatException("attribute " + type + " is an integer of 4 octets, not " + value.length);
        }
        return ((value[0] & 0xffL) << 24) | ((value[1] & 0xff) << 16) | ((value[2] & 0xff) << 8) | (value[3] & 0xff);
    }

    /** The value as an IPv4 address (RFC 8044 section 3.8). */
    public Inet4Address asAddress() throws RadiusFormatException {
        if (value.length != 4) {
            throw new RadiusFormatException("attribute " + type + " is an IPv4 address of 4 octets, not "
                    + value.length);
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(value);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four octets are always an address", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RadiusAttribute a && a.type == type && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    /** Type and length only: values may be hidden passwords or keys. */
    @Override
    public String toString() {
        return "Attribute(" + type + ", " + value.length + " octets)";
    }
}
