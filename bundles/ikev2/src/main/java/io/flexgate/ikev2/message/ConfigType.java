package io.flexgate.ikev2.message;

/**
 * IKEv2 Configuration Payload CFG Types (RFC 7296 section 3.15), an open value; {@link #valueOf} never
 * throws for 0..255.
 */
public record ConfigType(int value) {

    private static final IanaNames NAMES = new IanaNames("ConfigType", 0xFF);

    public static final ConfigType CFG_REQUEST = new ConfigType(NAMES.add(1, "CFG_REQUEST", "CPRQ"));
    public static final ConfigType CFG_REPLY = new ConfigType(NAMES.add(2, "CFG_REPLY", "CPRP"));
    public static final ConfigType CFG_SET = new ConfigType(NAMES.add(3, "CFG_SET", "CPS"));
    public static final ConfigType CFG_ACK = new ConfigType(NAMES.add(4, "CFG_ACK", "CPA"));

    public ConfigType {
        NAMES.checkRange(value);
    }

    public static ConfigType valueOf(int value) {
        return new ConfigType(value);
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
