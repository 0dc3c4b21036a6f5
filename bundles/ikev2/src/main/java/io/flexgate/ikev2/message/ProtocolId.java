package io.flexgate.ikev2.message;

/**
 * IKEv2 Security Protocol Identifiers (IANA, RFC 7296 section 3.3.1), an open value; {@link #valueOf}
 * never throws for 0..255.
 */
public record ProtocolId(int value) {

    private static final IanaNames NAMES = new IanaNames("ProtocolId", 0xFF);

    public static final ProtocolId NONE = new ProtocolId(NAMES.add(0, "NONE"));
    public static final ProtocolId IKE = new ProtocolId(NAMES.add(1, "IKE"));
    public static final ProtocolId AH = new ProtocolId(NAMES.add(2, "AH"));
    public static final ProtocolId ESP = new ProtocolId(NAMES.add(3, "ESP"));
    public static final ProtocolId FC_ESP_HEADER = new ProtocolId(NAMES.add(4, "FC_ESP_HEADER"));
    public static final ProtocolId FC_CT_AUTHENTICATION = new ProtocolId(NAMES.add(5, "FC_CT_AUTHENTICATION"));

    public ProtocolId {
        NAMES.checkRange(value);
    }

    public static ProtocolId valueOf(int value) {
        return new ProtocolId(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
