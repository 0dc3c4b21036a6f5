package io.flexgate.ikev2.crypto;

import java.util.Map;

/** IKEv2 Hash Algorithms of the SIGNATURE_HASH_ALGORITHMS notify (RFC 7427 section 7, RFC 8420). */
public final class HashAlgorithm extends IanaValue {

    public static final HashAlgorithm SHA1 = new HashAlgorithm(1, "SHA1");
    public static final HashAlgorithm SHA2_256 = new HashAlgorithm(2, "SHA2_256");
    public static final HashAlgorithm SHA2_384 = new HashAlgorithm(3, "SHA2_384");
    public static final HashAlgorithm SHA2_512 = new HashAlgorithm(4, "SHA2_512");
    public static final HashAlgorithm IDENTITY = new HashAlgorithm(5, "IDENTITY");

    private static final Map<Integer, HashAlgorithm> KNOWN = index(
            SHA1,
            SHA2_256,
            SHA2_384,
            SHA2_512,
            IDENTITY);

    private HashAlgorithm(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static HashAlgorithm valueOf(int value) {
        HashAlgorithm known = KNOWN.get(value);
        return known != null ? known : new HashAlgorithm(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
