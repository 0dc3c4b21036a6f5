package io.flexgate.ikev2.crypto;

import java.util.Map;

/** IKEv2 Authentication Method (RFC 7296 section 3.8, RFC 4754, RFC 7619, RFC 7427). */
public final class AuthMethod extends IanaValue {

    public static final AuthMethod RSA_DIGITAL_SIGNATURE = new AuthMethod(1, "RSA_DIGITAL_SIGNATURE");
    public static final AuthMethod SHARED_KEY_MIC = new AuthMethod(2, "SHARED_KEY_MIC");
    public static final AuthMethod DSS_DIGITAL_SIGNATURE = new AuthMethod(3, "DSS_DIGITAL_SIGNATURE");
    public static final AuthMethod ECDSA_SHA256_P256 = new AuthMethod(9, "ECDSA_SHA256_P256");
    public static final AuthMethod ECDSA_SHA384_P384 = new AuthMethod(10, "ECDSA_SHA384_P384");
    public static final AuthMethod ECDSA_SHA512_P521 = new AuthMethod(11, "ECDSA_SHA512_P521");
    public static final AuthMethod GENERIC_SECURE_PASSWORD = new AuthMethod(12, "GENERIC_SECURE_PASSWORD");
    public static final AuthMethod NULL_AUTHENTICATION = new AuthMethod(13, "NULL_AUTHENTICATION");
    public static final AuthMethod DIGITAL_SIGNATURE = new AuthMethod(14, "DIGITAL_SIGNATURE");

    private static final Map<Integer, AuthMethod> KNOWN = index(
            RSA_DIGITAL_SIGNATURE,
            SHARED_KEY_MIC,
            DSS_DIGITAL_SIGNATURE,
            ECDSA_SHA256_P256,
            ECDSA_SHA384_P384,
            ECDSA_SHA512_P521,
            GENERIC_SECURE_PASSWORD,
            NULL_AUTHENTICATION,
            DIGITAL_SIGNATURE);

    private AuthMethod(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static AuthMethod valueOf(int value) {
        AuthMethod known = KNOWN.get(value);
        return known != null ? known : new AuthMethod(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
