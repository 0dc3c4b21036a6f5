package io.flexgate.api.eap;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One EAP packet (RFC 3748 section 4): code, identifier, and for requests and responses the method
 * type and its type-data. Immutable; the type-data array is copied in and out.
 *
 * <p>The framing is part of the API because the IKEv2 engine, every EAP method and the RADIUS
 * pass-through all read and write the same packets.
 *
 * @param code       request, response, success or failure
 * @param identifier the identifier octet, 0..255
 * @param type       the method type; {@code null} for success and failure
 * @param typeData   the bytes after the type field (after the 8 octets of an expanded type); empty
 *                   for success and failure
 */
public record EapPacket(EapCode code, int identifier, EapType type, byte[] typeData) {

    /** RFC 3748 leaves the upper bound to the lower layer; IKEv2 carries at most one message. */
    public static final int MAX_LENGTH = 65_535;

    public EapPacket {
        if (identifier < 0 || identifier > 255) {
            throw new IllegalArgumentException("EAP identifier " + identifier + " out of range 0..255");
        }
        boolean hasType = code == EapCode.REQUEST || code == EapCode.RESPONSE;
        if (hasType != (type != null)) {
            throw new IllegalArgumentException(code + " packets " + (hasType ? "need" : "have no") + " type");
        }
        typeData = typeData == null ? new byte[0] : typeData.clone();
        if (!hasType && typeData.length > 0) {
            throw new IllegalArgumentException(code + " packets carry no data");
        }
    }

    public static EapPacket request(int identifier, EapType type, byte[] typeData) {
        return new EapPacket(EapCode.REQUEST, identifier, type, typeData);
    }

    public static EapPacket response(int identifier, EapType type, byte[] typeData) {
        return new EapPacket(EapCode.RESPONSE, identifier, type, typeData);
    }

    public static EapPacket success(int identifier) {
        return new EapPacket(EapCode.SUCCESS, identifier, null, null);
    }

    public static EapPacket failure(int identifier) {
        return new EapPacket(EapCode.FAILURE, identifier, null, null);
    }

    @Override
    public byte[] typeData() {
        return typeData.clone();
    }

    /** The encoded length of the packet. */
    public int length() {
        if (type == null) {
            return 4;
        }
        return 4 + (type.isExpanded() ? 8 : 1) + typeData.length;
    }

    /** The wire form. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(length());
        b.put((byte) code.value()).put((byte) identifier).putShort((short) length());
        if (type != null) {
            b.put((byte) type.type());
            if (type.isExpanded()) {
                b.put((byte) (type.vendorId() >>> 16)).put((byte) (type.vendorId() >>> 8)).put((byte) type.vendorId());
                b.putInt((int) type.vendorType());
            }
            b.put(typeData);
        }
        return b.array();
    }

    /**
     * Decodes one packet. The length field must match {@code bytes} exactly (RFC 3748 section 4.1
     * allows padding below EAP, but IKEv2 and RADIUS carry exactly one packet).
     *
     * @return the packet, or empty when the bytes are not a well-formed EAP packet; the caller drops
     *         such a packet as RFC 3748 section 4.1 requires
     */
    public static Optional<EapPacket> decode(byte[] bytes) {
        if (bytes.length < 4) {
            return Optional.empty();
        }
        EapCode code = EapCode.of(bytes[0] & 0xFF);
        int length = ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
        if (code == null || length != bytes.length) {
            return Optional.empty();
        }
        int id = bytes[1] & 0xFF;
        if (code == EapCode.SUCCESS || code == EapCode.FAILURE) {
            return length == 4 ? Optional.of(new EapPacket(code, id, null, null)) : Optional.empty();
        }
        if (length < 5) {
            return Optional.empty();
        }
        int t = bytes[4] & 0xFF;
        if (t == 0) {
            return Optional.empty();
        }
        if (t == EapType.EXPANDED_TYPE) {
            if (length < 12) {
                return Optional.empty();
            }
            int vendor = ((bytes[5] & 0xFF) << 16) | ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
            long vendorType = ByteBuffer.wrap(bytes, 8, 4).getInt() & 0xFFFFFFFFL;
            return Optional.of(new EapPacket(code, id, EapType.expanded(vendor, vendorType),
                    Arrays.copyOfRange(bytes, 12, length)));
        }
        return Optional.of(new EapPacket(code, id, EapType.legacy(t), Arrays.copyOfRange(bytes, 5, length)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EapPacket p && p.code == code && p.identifier == identifier
                && java.util.Objects.equals(p.type, type) && Arrays.equals(p.typeData, typeData);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(code, identifier, type, Arrays.hashCode(typeData));
    }

    /** Code, identifier, type and data length; never the data, which can hold credentials. */
    @Override
    public String toString() {
        return "EAP " + code + " id=" + identifier + (type == null ? "" : " type=" + type + " len=" + typeData.length);
    }

    /** Hex of the whole packet, for TRACE logs of methods that carry no secrets. */
    public String toHex() {
        return HexFormat.of().formatHex(encode());
    }
}
