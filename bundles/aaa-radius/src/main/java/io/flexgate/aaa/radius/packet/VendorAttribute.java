package io.flexgate.aaa.radius.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One vendor sub-attribute inside a Vendor-Specific attribute (RFC 2865 section 5.26, in the recommended
 * format: a 4-octet Vendor-Id, then sub-attributes of one type octet and one length octet each).
 *
 * @param vendorId   the SMI network management private enterprise code ({@link #CISCO}, {@link #MICROSOFT})
 * @param vendorType the vendor's attribute type
 * @param value      the value, copied in and out
 */
public record VendorAttribute(int vendorId, int vendorType, byte[] value) {

    /** Cisco's enterprise number. */
    public static final int CISCO = 9;
    /** Microsoft's enterprise number (RFC 2548 section 2). */
    public static final int MICROSOFT = 311;
    /** Cisco-AVPair, {@code protocol:attribute=value} text. */
    public static final int CISCO_AVPAIR = 1;
    /** MS-MPPE-Send-Key (RFC 2548 section 2.4.2). */
    public static final int MS_MPPE_SEND_KEY = 16;
    /** MS-MPPE-Recv-Key (RFC 2548 section 2.4.3). */
    public static final int MS_MPPE_RECV_KEY = 17;
    /** Vendor-Id octets. */
    static final int VENDOR_ID_LENGTH = 4;
    /** Largest sub-attribute value: 253 - Vendor-Id - type and length octets. */
    public static final int MAX_VALUE = RadiusAttribute.MAX_VALUE - VENDOR_ID_LENGTH - 2;

    public VendorAttribute {
        if (vendorType < 0 || vendorType > 255) {
            throw new IllegalArgumentException("vendor type must be one octet, not " + vendorType);
        }
        if (value.length > MAX_VALUE) {
            throw new IllegalArgumentException("vendor attribute value of " + value.length + " octets exceeds "
                    + MAX_VALUE);
        }
        value = value.clone();
    }

    public static VendorAttribute ciscoAvPair(String pair) {
        return new VendorAttribute(CISCO, CISCO_AVPAIR, pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public String asText() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** This sub-attribute as its own Vendor-Specific attribute. */
    public RadiusAttribute toAttribute() {
        byte[] v = new byte[VENDOR_ID_LENGTH + 2 + value.length];
        v[0] = (byte) (vendorId >>> 24);
        v[1] = (byte) (vendorId >>> 16);
        v[2] = (byte) (vendorId >>> 8);
        v[3] = (byte) vendorId;
        v[4] = (byte) vendorType;
        v[5] = (byte) (value.length + 2);
        System.arraycopy(value, 0, v, 6, value.length);
        return new RadiusAttribute(RadiusAttributeType.VENDOR_SPECIFIC, v);
    }

    /**
     * The sub-attributes of a Vendor-Specific attribute. Every sub-attribute length is checked: one that
     * is shorter than its header or runs past the attribute makes the whole attribute malformed.
     */
    public static List<VendorAttribute> parse(RadiusAttribute attribute) throws RadiusFormatException {
        if (attribute.type() != RadiusAttributeType.VENDOR_SPECIFIC) {
            throw new IllegalArgumentException("not a Vendor-Specific attribute: " + attribute.type());
        }
        byte[] v = attribute.value();
        if (v.length < VENDOR_ID_LENGTH + 2) {
            throw new RadiusFormatException("Vendor-Specific attribute of " + v.length + " octets is too short");
        }
        int vendor = ((v[0] & 0xff) << 24) | ((v[1] & 0xff) << 16) | ((v[2] & 0xff) << 8) | (v[3] & 0xff);
        List<VendorAttribute> subs = new ArrayList<>();
        int at = VENDOR_ID_LENGTH;
        while (at < v.length) {
            if (v.length - at < 2) {
                throw new RadiusFormatException("vendor " + vendor + ": truncated sub-attribute header");
            }
            int len = v[at + 1] & 0xff;
            if (len < 2 || at + len > v.length) {
                throw new RadiusFormatException("vendor " + vendor + ": sub-attribute length " + len
                        + " invalid at offset " + at);
            }
            subs.add(new VendorAttribute(vendor, v[at] & 0xff, Arrays.copyOfRange(v, at + 2, at + len)));
            at += len;
        }
        return subs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VendorAttribute a && a.vendorId == vendorId && a.vendorType == vendorType
                && Arrays.equals(a.value, value);
    }

    @Override
    public int hashCode() {
        return (vendorId * 31 + vendorType) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "VendorAttribute(" + vendorId + ":" + vendorType + ", " + value.length + " octets)";
    }
}
