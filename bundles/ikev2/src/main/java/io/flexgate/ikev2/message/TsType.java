package io.flexgate.ikev2.message;

/**
 * IKEv2 Traffic Selector Types (IANA, RFC 7296 section 3.13.1), an open value; {@link #valueOf} never
 * throws for 0..255.
 */
public record TsType(int value) {

    private static final IanaNames NAMES = new IanaNames("TsType", 0xFF);

    public static final TsType TS_IPV4_ADDR_RANGE = new TsType(NAMES.add(7, "TS_IPV4_ADDR_RANGE"));
    public static final TsType TS_IPV6_ADDR_RANGE = new TsType(NAMES.add(8, "TS_IPV6_ADDR_RANGE"));
    public static final TsType TS_FC_ADDR_RANGE = new TsType(NAMES.add(9, "TS_FC_ADDR_RANGE"));
    public static final TsType TS_SECLABEL = new TsType(NAMES.add(10, "TS_SECLABEL"));

    public TsType {
        NAMES.checkRange(value);
    }

    public static TsType valueOf(int value) {
        return new TsType(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
