package io.flexgate.ikev2.message;

/**
 * EAP payload (RFC 7296 section 3.16): one EAP message (RFC 3748 section 4) whose own length field must
 * equal the payload body length.
 *
 * @param message the EAP message, header included
 */
public record EapPayload(Bytes message) implements IkePayload {

    /** Code, Identifier, Length (RFC 3748 section 4). */
    public static final int EAP_HEADER_LENGTH = 4;

    private static final int CODE_REQUEST = 1;
    private static final int CODE_RESPONSE = 2;
    private static final int CODE_SUCCESS = 3;
    private static final int CODE_FAILURE = 4;

    public EapPayload {
        if (!isWellFormed(message)) {
            throw new IllegalArgumentException("EAP message length field does not match its size");
        }
    }

    private static boolean isWellFormed(Bytes m) {
        return m.length() >= EAP_HEADER_LENGTH && ((m.get(2) << 8) | m.get(3)) == m.length();
    }

    static EapPayload decode(PayloadReader in) throws IkeDecodeException {
        Bytes m = in.rest();
        if (!isWellFormed(m)) {
            throw IkeDecodeException.invalidSyntax("EAP message of " + m.length() + " octets with bad length field");
        }
        return new EapPayload(m);
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.bytes(message);
    }

    @Override
    public PayloadType type() {
        return PayloadType.EAP;
    }

    /** strongSwan's form: {@code EAP/REQ/ID}, {@code EAP/RES/MSCHAPV2}, {@code EAP/SUCC}, {@code EAP/FAIL}. */
    @Override
    public String summary() {
        int code = message.get(0);
        String method = message.length() > EAP_HEADER_LENGTH ? "/" + methodName(message.get(EAP_HEADER_LENGTH)) : "";
        switch (code) {
            case CODE_REQUEST:
                return "EAP/REQ" + method;
            case CODE_RESPONSE:
                return "EAP/RES" + method;
            case CODE_SUCCESS:
                return "EAP/SUCC";
            case CODE_FAILURE:
                return "EAP/FAIL";
            default:
                return "EAP/" + code;
        }
    }

    private static String methodName(int type) {
        switch (type) {
            case 1: return "ID";
            case 2: return "NTF";
            case 3: return "NAK";
            case 4: return "MD5";
            case 6: return "GTC";
            case 13: return "TLS";
            case 18: return "SIM";
            case 21: return "TTLS";
            case 23: return "AKA";
            case 25: return "PEAP";
            case 26: return "MSCHAPV2";
            case 254: return "EXP";
            default: return Integer.toString(type);
        }
    }
}
