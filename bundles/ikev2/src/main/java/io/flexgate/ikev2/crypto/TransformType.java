package io.flexgate.ikev2.crypto;

import java.util.Map;

/** IKEv2 Transform Types (RFC 7296 section 3.3.2, RFC 9370 for ADDKE). */
public final class TransformType extends IanaValue {

    public static final TransformType ENCR = new TransformType(1, "ENCR");
    public static final TransformType PRF = new TransformType(2, "PRF");
    public static final TransformType INTEG = new TransformType(3, "INTEG");
    public static final TransformType KE = new TransformType(4, "KE");
    public static final TransformType ESN = new TransformType(5, "ESN");
    public static final TransformType ADDKE1 = new TransformType(6, "ADDKE1");
    public static final TransformType ADDKE2 = new TransformType(7, "ADDKE2");
    public static final TransformType ADDKE3 = new TransformType(8, "ADDKE3");
    public static final TransformType ADDKE4 = new TransformType(9, "ADDKE4");
    public static final TransformType ADDKE5 = new TransformType(10, "ADDKE5");
    public static final TransformType ADDKE6 = new TransformType(11, "ADDKE6");
    public static final TransformType ADDKE7 = new TransformType(12, "ADDKE7");

    private static final Map<Integer, TransformType> KNOWN = index(
            ENCR,
            PRF,
            INTEG,
            KE,
            ESN,
            ADDKE1,
            ADDKE2,
            ADDKE3,
            ADDKE4,
            ADDKE5,
            ADDKE6,
            ADDKE7);

    private TransformType(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static TransformType valueOf(int value) {
        TransformType known = KNOWN.get(value);
        return known != null ? known : new TransformType(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
