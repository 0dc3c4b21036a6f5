package io.flexgate.ikev2.message;

/** IKEv2 Exchange Types (IANA, RFC 7296 section 3.1), an open value; {@link #valueOf} never throws for 0..255. */
public record ExchangeType(int value) {

    private static final IanaNames NAMES = new IanaNames("ExchangeType", 0xFF);

    public static final ExchangeType IKE_SA_INIT = new ExchangeType(NAMES.add(34, "IKE_SA_INIT"));
    public static final ExchangeType IKE_AUTH = new ExchangeType(NAMES.add(35, "IKE_AUTH"));
    public static final ExchangeType CREATE_CHILD_SA = new ExchangeType(NAMES.add(36, "CREATE_CHILD_SA"));
    public static final ExchangeType INFORMATIONAL = new ExchangeType(NAMES.add(37, "INFORMATIONAL"));
    public static final ExchangeType IKE_SESSION_RESUME = new ExchangeType(NAMES.add(38, "IKE_SESSION_RESUME"));
    public static final ExchangeType GSA_AUTH = new ExchangeType(NAMES.add(39, "GSA_AUTH"));
    public static final ExchangeType GSA_REGISTRATION = new ExchangeType(NAMES.add(40, "GSA_REGISTRATION"));
    public static final ExchangeType GSA_REKEY = new ExchangeType(NAMES.add(41, "GSA_REKEY"));
    public static final ExchangeType IKE_INTERMEDIATE = new ExchangeType(NAMES.add(43, "IKE_INTERMEDIATE"));
    public static final ExchangeType IKE_FOLLOWUP_KE = new ExchangeType(NAMES.add(44, "IKE_FOLLOWUP_KE"));

    public ExchangeType {
        NAMES.checkRange(value);
    }

    public static ExchangeType valueOf(int value) {
        return new ExchangeType(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
