package io.flexgate.api.eap;

/**
 * An EAP method type: a legacy type number (RFC 3748 section 5), or an expanded type (type 254,
 * section 5.7) with a 24-bit vendor id and a 32-bit vendor type. An open value: any number is valid.
 *
 * @param type       the type octet (254 for expanded types)
 * @param vendorId   the SMI vendor id of an expanded type, 0 otherwise
 * @param vendorType the vendor's type of an expanded type, 0 otherwise
 */
public record EapType(int type, int vendorId, long vendorType) {

    public static final int EXPANDED_TYPE = 254;

    public static final EapType IDENTITY = legacy(1);
    public static final EapType NOTIFICATION = legacy(2);
    public static final EapType NAK = legacy(3);
    public static final EapType MD5_CHALLENGE = legacy(4);
    public static final EapType GTC = legacy(6);
    public static final EapType MSCHAPV2 = legacy(26);
    /** Cisco's AnyConnect aggregate authentication: vendor 9 (ciscoSystems), type 0x44425250 ("DBRP"). */
    public static final EapType ANYCONNECT = expanded(9, 0x44425250L);

    public EapType {
        if (type < 1 || type > 255) {
            throw new IllegalArgumentException("EAP type " + type + " out of range 1..255");
        }
        if (type != EXPANDED_TYPE && (vendorId != 0 || vendorType != 0)) {
            throw new IllegalArgumentException("vendor fields are only for the expanded type 254");
        }
        if (vendorId < 0 || vendorId > 0xFFFFFF || vendorType < 0 || vendorType > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("vendor id or type out of range");
        }
    }

    public static EapType legacy(int type) {
        return new EapType(type, 0, 0);
    }

    public static EapType expanded(int vendorId, long vendorType) {
        return new EapType(EXPANDED_TYPE, vendorId, vendorType);
    }

    public boolean isExpanded() {
        return type == EXPANDED_TYPE;
    }

    /** Human form used in logs and in {@code flexgate:status}: {@code 26} or {@code 254/9/0x44425250}. */
    @Override
    public String toString() {
        return isExpanded() ? String.format("254/%d/0x%08x", vendorId, vendorType) : Integer.toString(type);
    }
}
