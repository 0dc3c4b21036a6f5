package io.flexgate.ikev2.crypto;

import java.util.Map;

/** Transform Type 2 - Pseudorandom Function Transform IDs (IANA IKEv2 registry). */
public final class PrfAlgorithm extends IanaValue {

    public static final PrfAlgorithm PRF_HMAC_MD5 = new PrfAlgorithm(1, "PRF_HMAC_MD5");
    public static final PrfAlgorithm PRF_HMAC_SHA1 = new PrfAlgorithm(2, "PRF_HMAC_SHA1");
    public static final PrfAlgorithm PRF_HMAC_TIGER = new PrfAlgorithm(3, "PRF_HMAC_TIGER");
    public static final PrfAlgorithm PRF_AES128_XCBC = new PrfAlgorithm(4, "PRF_AES128_XCBC");
    public static final PrfAlgorithm PRF_HMAC_SHA2_256 = new PrfAlgorithm(5, "PRF_HMAC_SHA2_256");
    public static final PrfAlgorithm PRF_HMAC_SHA2_384 = new PrfAlgorithm(6, "PRF_HMAC_SHA2_384");
    public static final PrfAlgorithm PRF_HMAC_SHA2_512 = new PrfAlgorithm(7, "PRF_HMAC_SHA2_512");
    public static final PrfAlgorithm PRF_AES128_CMAC = new PrfAlgorithm(8, "PRF_AES128_CMAC");
    public static final PrfAlgorithm PRF_HMAC_STREEBOG_512 = new PrfAlgorithm(9, "PRF_HMAC_STREEBOG_512");

    private static final Map<Integer, PrfAlgorithm> KNOWN = index(
            PRF_HMAC_MD5,
            PRF_HMAC_SHA1,
            PRF_HMAC_TIGER,
            PRF_AES128_XCBC,
            PRF_HMAC_SHA2_256,
            PRF_HMAC_SHA2_384,
            PRF_HMAC_SHA2_512,
            PRF_AES128_CMAC,
            PRF_HMAC_STREEBOG_512);

    private PrfAlgorithm(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static PrfAlgorithm valueOf(int value) {
        PrfAlgorithm known = KNOWN.get(value);
        return known != null ? known : new PrfAlgorithm(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
