package io.flexgate.aaa.radius.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One RADIUS packet (RFC 2865 section 3): code, identifier, the 16-octet authenticator and the attributes in
 * their order. Immutable: the {@code with...} methods return changed copies. {@link #encode()} and
 * {@link #decode(byte[])} are symmetric: decoding an encoded packet gives an equal packet.
 */
public record RadiusPacket(RadiusCode code, int identifier, byte[] authenticator, List<RadiusAttribute> attributes) {

    /** Code, Identifier, Length and Authenticator (RFC 2865 section 3). */
    public static final int HEADER = 20;
    /** The Authenticator field. */
    public static final int AUTHENTICATOR_LENGTH = 16;
    /** RFC 2865 section 3: the maximum length is 4096 octets. */
    public static final int MAX_LENGTH = 4096;

    public RadiusPacket {
        if (identifier < 0 || identifier > 255) {
            throw new IllegalArgumentException("identifier must be one octet, not " + identifier);
        }
        if (authenticator.length != AUTHENTICATOR_LENGTH) {
            throw new IllegalArgumentException("authenticator must be 16 octets, not " + authenticator.length);
        }
        authenticator = authenticator.clone();
        attributes = List.copyOf(attributes);
        int length = HEADER;
        for (RadiusAttribute a : attributes) {
            length += RadiusAttribute.HEADER + a.length();
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("packet of " + length + " octets exceeds " + MAX_LENGTH);
        }
    }

    /** A packet with a zero authenticator, to be signed. */
    public static RadiusPacket of(RadiusCode code, int identifier, List<RadiusAttribute> attributes) {
        return new RadiusPacket(code, identifier, new byte[AUTHENTICATOR_LENGTH], attributes);
    }

    @Override
    public byte[] authenticator() {
        return authenticator.clone();
    }

    /** The encoded length. */
    public int length() {
        int length = HEADER;
        for (RadiusAttribute a : attributes) {
            length += RadiusAttribute.HEADER + a.length();
        }
        return length;
    }

    public Optional<RadiusAttribute> attribute(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    public List<RadiusAttribute> attributes(int type) {
        return attributes.stream().filter(a -> a.type() == type).toList();
    }

    /** The first attribute of {@code type} as text. */
    public Optional<String> text(int type) {
        return attribute(type).map(RadiusAttribute::asText);
    }

    /** Every sub-attribute of that vendor and type, from every Vendor-Specific attribute, in order. */
    public List<VendorAttribute> vendorAttributes(int vendorId, int vendorType) throws RadiusFormatException {
        List<VendorAttribute> found = new ArrayList<>();
        for (RadiusAttribute a : attributes(RadiusAttributeType.VENDOR_SPECIFIC)) {
            for (VendorAttribute v : VendorAttribute.parse(a)) {
                if (v.vendorId() == vendorId && v.vendorType() == vendorType) {
                    found.add(v);
                }
            }
        }
        return found;
    }

    public RadiusPacket withAuthenticator(byte[] newAuthenticator) {
        return new RadiusPacket(code, identifier, newAuthenticator, attributes);
    }

    public RadiusPacket withIdentifier(int newIdentifier) {
        return new RadiusPacket(code, newIdentifier, authenticator, attributes);
    }

    public RadiusPacket withAttributes(List<RadiusAttribute> newAttributes) {
        return new RadiusPacket(code, identifier, authenticator, newAttributes);
    }

    /** This packet with {@code attribute} appended. */
    public RadiusPacket plus(RadiusAttribute attribute) {
        List<RadiusAttribute> list = new ArrayList<>(attributes);
        list.add(attribute);
        return withAttributes(list);
    }

    /** This packet without any attribute of {@code type}. */
    public RadiusPacket without(int type) {
        return withAttributes(attributes.stream().filter(a -> a.type() != type).toList());
    }

    public byte[] encode() {
        int length = length();
        byte[] out = new byte[length];
        out[0] = (byte) code.value();
        out[1] = (byte) identifier;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        System.arraycopy(authenticator, 0, out, 4, AUTHENTICATOR_LENGTH);
        int at = HEADER;
        for (RadiusAttribute a : attributes) {
            byte[] v = a.value();
            out[at] = (byte) a.type();
            out[at + 1] = (byte) (v.length + RadiusAttribute.HEADER);
            System.arraycopy(v, 0, out, at + 2, v.length);
            at += v.length + RadiusAttribute.HEADER;
        }
        return out;
    }

    /**
     * Decodes a datagram. RFC 2865 section 3: octets beyond the Length field are padding and ignored; a
     * datagram shorter than its Length, a Length outside 20..4096, or an attribute whose length is below 2
     * or runs past the packet is malformed.
     */
    public static RadiusPacket decode(byte[] datagram) throws RadiusFormatException {
        if (datagram.length < HEADER) {
            throw new RadiusFormatException("datagram of " + datagram.length + " octets is shorter than a header");
        }
        int length = ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff);
        if (length < HEADER || length > MAX_LENGTH) {
            throw new RadiusFormatException("Length " + length + " outside " + HEADER + ".." + MAX_LENGTH);
        }
        if (length > datagram.length) {
            throw new RadiusFormatException("Length " + length + " exceeds the datagram's " + datagram.length
                    + " octets");
        }
        List<RadiusAttribute> attributes = new ArrayList<>();
        int at = HEADER;
        while (at < length) {
            if (length - at < RadiusAttribute.HEADER) {
                throw new RadiusFormatException("truncated attribute header at offset " + at);
            }
            int type = datagram[at] & 0xff;
            int alen = datagram[at + 1] & 0xff;
            if (type == 0) {
                throw new RadiusFormatException("attribute type 0 at offset " + at);
            }
            if (alen < RadiusAttribute.HEADER || at + alen > length) {
                throw new RadiusFormatException("attribute " + type + " length " + alen + " invalid at offset " + at);
            }
            attributes.add(new RadiusAttribute(type, Arrays.copyOfRange(datagram, at + 2, at + alen)));
            at += alen;
        }
        return new RadiusPacket(RadiusCode.valueOf(datagram[0] & 0xff), datagram[1] & 0xff,
                Arrays.copyOfRange(datagram, 4, HEADER), attributes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RadiusPacket p && p.code.equals(code) && p.identifier == identifier
                && Arrays.equals(p.authenticator, authenticator) && p.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return (code.hashCode() * 31 + identifier) * 31 + attributes.hashCode();
    }

    /** A one-line summary: {@code Access-Request id 7 [1 2 4 80]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(code).append(" id ").append(identifier).append(" [");
        for (int i = 0; i < attributes.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(attributes.get(i).type());
        }
        return sb.append(']').toString();
    }
}
