package io.flexgate.ikev2.crypto;

import java.util.Map;

/** Transform Type 5 - Extended Sequence Numbers Transform IDs (RFC 7296 section 3.3.2). */
public final class EsnMode extends IanaValue {

    public static final EsnMode NO_ESN = new EsnMode(0, "NO_ESN");
    public static final EsnMode ESN = new EsnMode(1, "ESN");

    private static final Map<Integer, EsnMode> KNOWN = index(
            NO_ESN,
            ESN);

    private EsnMode(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static EsnMode valueOf(int value) {
        EsnMode known = KNOWN.get(value);
        return known != null ? known : new EsnMode(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
