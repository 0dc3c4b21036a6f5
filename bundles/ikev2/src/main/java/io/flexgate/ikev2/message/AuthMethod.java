package io.flexgate.ikev2.message;

/**
 * IKEv2 Authentication Methods (IANA, RFC 7296 section 3.8, RFC 7427), an open value; {@link #valueOf}
 * never throws for 0..255.
 */
public record AuthMethod(int value) {

    private static final IanaNames NAMES = new IanaNames("AuthMethod", 0xFF);

    public static final AuthMethod RSA_DIGITAL_SIGNATURE = new AuthMethod(NAMES.add(1, "RSA_DIGITAL_SIGNATURE"));
    public static final AuthMethod SHARED_KEY_MIC = new AuthMethod(NAMES.add(2, "SHARED_KEY_MIC"));
    public static final AuthMethod DSS_DIGITAL_SIGNATURE = new AuthMethod(NAMES.add(3, "DSS_DIGITAL_SIGNATURE"));
    public static final AuthMethod ECDSA_SHA256_P256 = new AuthMethod(NAMES.add(9, "ECDSA_SHA256_P256"));
    public static final AuthMethod ECDSA_SHA384_P384 = new AuthMethod(NAMES.add(10, "ECDSA_SHA384_P384"));
    public static final AuthMethod ECDSA_SHA512_P521 = new AuthMethod(NAMES.add(11, "ECDSA_SHA512_P521"));
    public static final AuthMethod GENERIC_SECURE_PASSWORD = new AuthMethod(NAMES.add(12, "GENERIC_SECURE_PASSWORD"));
    public static final AuthMethod NULL_AUTH = new AuthMethod(NAMES.add(13, "NULL_AUTH"));
    public static final AuthMethod DIGITAL_SIGNATURE = new AuthMethod(NAMES.add(14, "DIGITAL_SIGNATURE"));

    public AuthMethod {
        NAMES.checkRange(value);
    }

    public static AuthMethod valueOf(int value) {
        return new AuthMethod(value);
    }

    public boolean isKnown() {
        return NAMES.isKnown(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    /** The abbreviation used in message summaries. */
    public String shortName() {
        return NAMES.shortName(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
