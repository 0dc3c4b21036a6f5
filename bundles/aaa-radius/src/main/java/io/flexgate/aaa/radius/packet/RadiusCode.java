package io.flexgate.aaa.radius.packet;

/**
 * A RADIUS packet code (RFC 2865 section 3, RFC 2866 section 3, RFC 5176 section 3), an open value: codes
 * this class does not name still decode, and {@link #valueOf(int)} never throws for 0..255.
 */
public record RadiusCode(int value, String name) {

    public static final RadiusCode ACCESS_REQUEST = new RadiusCode(1, "Access-Request");
    public static final RadiusCode ACCESS_ACCEPT = new RadiusCode(2, "Access-Accept");
    public static final RadiusCode ACCESS_REJECT = new RadiusCode(3, "Access-Reject");
    public static final RadiusCode ACCOUNTING_REQUEST = new RadiusCode(4, "Accounting-Request");
    public static final RadiusCode ACCOUNTING_RESPONSE = new RadiusCode(5, "Accounting-Response");
    public static final RadiusCode ACCESS_CHALLENGE = new RadiusCode(11, "Access-Challenge");
    public static final RadiusCode DISCONNECT_REQUEST = new RadiusCode(40, "Disconnect-Request");
    public static final RadiusCode DISCONNECT_ACK = new RadiusCode(41, "Disconnect-ACK");
    public static final RadiusCode DISCONNECT_NAK = new RadiusCode(42, "Disconnect-NAK");
    public static final RadiusCode COA_REQUEST = new RadiusCode(43, "CoA-Request");
    public static final RadiusCode COA_ACK = new RadiusCode(44, "CoA-ACK");
    public static final RadiusCode COA_NAK = new RadiusCode(45, "CoA-NAK");

    private static final RadiusCode[] KNOWN = {ACCESS_REQUEST, ACCESS_ACCEPT, ACCESS_REJECT, ACCOUNTING_REQUEST,
        ACCOUNTING_RESPONSE, ACCESS_CHALLENGE, DISCONNECT_REQUEST, DISCONNECT_ACK, DISCONNECT_NAK, COA_REQUEST,
        COA_ACK, COA_NAK};

    public RadiusCode {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("a RADIUS code is one octet, not " + value);
        }
    }

    /** The code with that value; unnamed codes print as {@code Code-N}. */
    public static RadiusCode valueOf(int value) {
        for (RadiusCode c : KNOWN) {
            if (c.value == value) {
                return c;
            }
        }
        return new RadiusCode(value, "Code-" + value);
    }

    /**
     * Whether the Request Authenticator of this code is a hash of the packet (RFC 2866 section 3, RFC 5176
     * section 2.3) rather than random (Access-Request, RFC 2865 section 3).
     */
    public boolean hashedRequest() {
        return value == 4 || value == 40 || value == 43;
    }

    /** Whether this code is a reply to a request (its authenticator is a Response Authenticator). */
    public boolean isResponse() {
        return value == 2 || value == 3 || value == 5 || value == 11 || (value >= 41 && value <= 42)
                || (value >= 44 && value <= 45);
    }

    @Override
    public String toString() {
        return name;
    }
}
