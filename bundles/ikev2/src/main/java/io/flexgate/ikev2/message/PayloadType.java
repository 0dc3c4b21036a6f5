package io.flexgate.ikev2.message;

/**
 * IKEv2 Payload Types (IANA "IKEv2 Payload Types", RFC 7296 section 3.2), an open value: every octet is a
 * valid {@code PayloadType}; {@link #valueOf} never throws for 0..255.
 */
public record PayloadType(int value) {

    private static final IanaNames NAMES = new IanaNames("PayloadType", 0xFF);

    public static final PayloadType NONE = new PayloadType(NAMES.add(0, "NONE"));
    public static final PayloadType SA = new PayloadType(NAMES.add(33, "SA"));
    public static final PayloadType KE = new PayloadType(NAMES.add(34, "KE"));
    public static final PayloadType IDI = new PayloadType(NAMES.add(35, "IDi"));
    public static final PayloadType IDR = new PayloadType(NAMES.add(36, "IDr"));
    public static final PayloadType CERT = new PayloadType(NAMES.add(37, "CERT"));
    public static final PayloadType CERTREQ = new PayloadType(NAMES.add(38, "CERTREQ"));
    public static final PayloadType AUTH = new PayloadType(NAMES.add(39, "AUTH"));
    public static final PayloadType NONCE = new PayloadType(NAMES.add(40, "Nonce", "No"));
    public static final PayloadType NOTIFY = new PayloadType(NAMES.add(41, "Notify", "N"));
    public static final PayloadType DELETE = new PayloadType(NAMES.add(42, "Delete", "D"));
    public static final PayloadType VENDOR_ID = new PayloadType(NAMES.add(43, "VendorID", "V"));
    public static final PayloadType TSI = new PayloadType(NAMES.add(44, "TSi"));
    public static final PayloadType TSR = new PayloadType(NAMES.add(45, "TSr"));
    public static final PayloadType SK = new PayloadType(NAMES.add(46, "SK"));
    public static final PayloadType CP = new PayloadType(NAMES.add(47, "CP"));
    public static final PayloadType EAP = new PayloadType(NAMES.add(48, "EAP"));
    public static final PayloadType GSPM = new PayloadType(NAMES.add(49, "GSPM"));
    /** Encrypted and Authenticated Fragment (RFC 7383 section 2.5). */
    public static final PayloadType SKF = new PayloadType(NAMES.add(53, "SKF", "EF"));
    /** Cisco's proprietary fragments reuse the IKEv1 fragment payload number (anchors.md section 2.7). */
    public static final PayloadType CISCO_FRAGMENT = new PayloadType(NAMES.add(132, "CiscoFragment", "FRAG"));

    public PayloadType {
        NAMES.checkRange(value);
    }

    public static PayloadType valueOf(int value) {
        return new PayloadType(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    /** The token of the log summary: {@code No}, {@code N}, {@code EF}... */
    public String shortName() {
        return NAMES.shortName(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
