package io.flexgate.ikev2.message;

/**
 * IKEv2 Transform Types (IANA, RFC 7296 section 3.3.2, RFC 9370 for the additional key exchanges),
 * an open value; {@link #valueOf} never throws for 0..255.
 */
public record TransformType(int value) {

    private static final IanaNames NAMES = new IanaNames("TransformType", 0xFF);

    public static final TransformType ENCR = new TransformType(NAMES.add(1, "ENCR"));
    public static final TransformType PRF = new TransformType(NAMES.add(2, "PRF"));
    public static final TransformType INTEG = new TransformType(NAMES.add(3, "INTEG"));
    public static final TransformType KE = new TransformType(NAMES.add(4, "KE", "KE"));
    public static final TransformType ESN = new TransformType(NAMES.add(5, "ESN"));
    public static final TransformType ADDKE1 = new TransformType(NAMES.add(6, "ADDKE1"));
    public static final TransformType ADDKE2 = new TransformType(NAMES.add(7, "ADDKE2"));
    public static final TransformType ADDKE3 = new TransformType(NAMES.add(8, "ADDKE3"));
    public static final TransformType ADDKE4 = new TransformType(NAMES.add(9, "ADDKE4"));
    public static final TransformType ADDKE5 = new TransformType(NAMES.add(10, "ADDKE5"));
    public static final TransformType ADDKE6 = new TransformType(NAMES.add(11, "ADDKE6"));
    public static final TransformType ADDKE7 = new TransformType(NAMES.add(12, "ADDKE7"));

    public TransformType {
        NAMES.checkRange(value);
    }

    public static TransformType valueOf(int value) {
        return new TransformType(value);
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
