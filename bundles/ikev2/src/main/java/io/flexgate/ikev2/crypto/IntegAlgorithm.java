package io.flexgate.ikev2.crypto;

import java.util.Map;

/** Transform Type 3 - Integrity Algorithm Transform IDs (IANA IKEv2 registry). */
public final class IntegAlgorithm extends IanaValue {

    public static final IntegAlgorithm NONE = new IntegAlgorithm(0, "NONE");
    public static final IntegAlgorithm AUTH_HMAC_MD5_96 = new IntegAlgorithm(1, "AUTH_HMAC_MD5_96");
    public static final IntegAlgorithm AUTH_HMAC_SHA1_96 = new IntegAlgorithm(2, "AUTH_HMAC_SHA1_96");
    public static final IntegAlgorithm AUTH_DES_MAC = new IntegAlgorithm(3, "AUTH_DES_MAC");
    public static final IntegAlgorithm AUTH_KPDK_MD5 = new IntegAlgorithm(4, "AUTH_KPDK_MD5");
    public static final IntegAlgorithm AUTH_AES_XCBC_96 = new IntegAlgorithm(5, "AUTH_AES_XCBC_96");
    public static final IntegAlgorithm AUTH_HMAC_MD5_128 = new IntegAlgorithm(6, "AUTH_HMAC_MD5_128");
    public static final IntegAlgorithm AUTH_HMAC_SHA1_160 = new IntegAlgorithm(7, "AUTH_HMAC_SHA1_160");
    public static final IntegAlgorithm AUTH_AES_CMAC_96 = new IntegAlgorithm(8, "AUTH_AES_CMAC_96");
    public static final IntegAlgorithm AUTH_AES_128_GMAC = new IntegAlgorithm(9, "AUTH_AES_128_GMAC");
    public static final IntegAlgorithm AUTH_AES_192_GMAC = new IntegAlgorithm(10, "AUTH_AES_192_GMAC");
    public static final IntegAlgorithm AUTH_AES_256_GMAC = new IntegAlgorithm(11, "AUTH_AES_256_GMAC");
    public static final IntegAlgorithm AUTH_HMAC_SHA2_256_128 = new IntegAlgorithm(12, "AUTH_HMAC_SHA2_256_128");
    public static final IntegAlgorithm AUTH_HMAC_SHA2_384_192 = new IntegAlgorithm(13, "AUTH_HMAC_SHA2_384_192");
    public static final IntegAlgorithm AUTH_HMAC_SHA2_512_256 = new IntegAlgorithm(14, "AUTH_HMAC_SHA2_512_256");

    private static final Map<Integer, IntegAlgorithm> KNOWN = index(
            NONE,
            AUTH_HMAC_MD5_96,
            AUTH_HMAC_SHA1_96,
            AUTH_DES_MAC,
            AUTH_KPDK_MD5,
            AUTH_AES_XCBC_96,
            AUTH_HMAC_MD5_128,
            AUTH_HMAC_SHA1_160,
            AUTH_AES_CMAC_96,
            AUTH_AES_128_GMAC,
            AUTH_AES_192_GMAC,
            AUTH_AES_256_GMAC,
            AUTH_HMAC_SHA2_256_128,
            AUTH_HMAC_SHA2_384_192,
            AUTH_HMAC_SHA2_512_256);

    private IntegAlgorithm(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static IntegAlgorithm valueOf(int value) {
        IntegAlgorithm known = KNOWN.get(value);
        return known != null ? known : new IntegAlgorithm(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
