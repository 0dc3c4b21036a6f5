package io.flexgate.ikev2.crypto;

import java.util.Map;

/** Transform Type 1 - Encryption Algorithm Transform IDs (IANA IKEv2 registry). */
public final class EncrAlgorithm extends IanaValue {

    public static final EncrAlgorithm ENCR_DES_IV64 = new EncrAlgorithm(1, "ENCR_DES_IV64");
    public static final EncrAlgorithm ENCR_DES = new EncrAlgorithm(2, "ENCR_DES");
    public static final EncrAlgorithm ENCR_3DES = new EncrAlgorithm(3, "ENCR_3DES");
    public static final EncrAlgorithm ENCR_RC5 = new EncrAlgorithm(4, "ENCR_RC5");
    public static final EncrAlgorithm ENCR_IDEA = new EncrAlgorithm(5, "ENCR_IDEA");
    public static final EncrAlgorithm ENCR_CAST = new EncrAlgorithm(6, "ENCR_CAST");
    public static final EncrAlgorithm ENCR_BLOWFISH = new EncrAlgorithm(7, "ENCR_BLOWFISH");
    public static final EncrAlgorithm ENCR_3IDEA = new EncrAlgorithm(8, "ENCR_3IDEA");
    public static final EncrAlgorithm ENCR_DES_IV32 = new EncrAlgorithm(9, "ENCR_DES_IV32");
    public static final EncrAlgorithm ENCR_NULL = new EncrAlgorithm(11, "ENCR_NULL");
    public static final EncrAlgorithm ENCR_AES_CBC = new EncrAlgorithm(12, "ENCR_AES_CBC");
    public static final EncrAlgorithm ENCR_AES_CTR = new EncrAlgorithm(13, "ENCR_AES_CTR");
    public static final EncrAlgorithm ENCR_AES_CCM_8 = new EncrAlgorithm(14, "ENCR_AES_CCM_8");
    public static final EncrAlgorithm ENCR_AES_CCM_12 = new EncrAlgorithm(15, "ENCR_AES_CCM_12");
    public static final EncrAlgorithm ENCR_AES_CCM_16 = new EncrAlgorithm(16, "ENCR_AES_CCM_16");
    public static final EncrAlgorithm ENCR_AES_GCM_8 = new EncrAlgorithm(18, "ENCR_AES_GCM_8");
    public static final EncrAlgorithm ENCR_AES_GCM_12 = new EncrAlgorithm(19, "ENCR_AES_GCM_12");
    public static final EncrAlgorithm ENCR_AES_GCM_16 = new EncrAlgorithm(20, "ENCR_AES_GCM_16");
    public static final EncrAlgorithm ENCR_NULL_AUTH_AES_GMAC = new EncrAlgorithm(21, "ENCR_NULL_AUTH_AES_GMAC");
    public static final EncrAlgorithm ENCR_CAMELLIA_CBC = new EncrAlgorithm(23, "ENCR_CAMELLIA_CBC");
    public static final EncrAlgorithm ENCR_CAMELLIA_CTR = new EncrAlgorithm(24, "ENCR_CAMELLIA_CTR");
    public static final EncrAlgorithm ENCR_CAMELLIA_CCM_8 = new EncrAlgorithm(25, "ENCR_CAMELLIA_CCM_8");
    public static final EncrAlgorithm ENCR_CAMELLIA_CCM_12 = new EncrAlgorithm(26, "ENCR_CAMELLIA_CCM_12");
    public static final EncrAlgorithm ENCR_CAMELLIA_CCM_16 = new EncrAlgorithm(27, "ENCR_CAMELLIA_CCM_16");
    public static final EncrAlgorithm ENCR_CHACHA20_POLY1305 = new EncrAlgorithm(28, "ENCR_CHACHA20_POLY1305");
    public static final EncrAlgorithm ENCR_AES_CCM_8_IIV = new EncrAlgorithm(29, "ENCR_AES_CCM_8_IIV");
    public static final EncrAlgorithm ENCR_AES_GCM_16_IIV = new EncrAlgorithm(30, "ENCR_AES_GCM_16_IIV");
    public static final EncrAlgorithm ENCR_CHACHA20_POLY1305_IIV = new EncrAlgorithm(31, "ENCR_CHACHA20_POLY1305_IIV");
    public static final EncrAlgorithm ENCR_KUZNYECHIK_MGM_KTREE = new EncrAlgorithm(32, "ENCR_KUZNYECHIK_MGM_KTREE");
    public static final EncrAlgorithm ENCR_MAGMA_MGM_KTREE = new EncrAlgorithm(33, "ENCR_MAGMA_MGM_KTREE");
    public static final EncrAlgorithm ENCR_KUZNYECHIK_MGM_MAC_KTREE = new EncrAlgorithm(34, "ENCR_KUZNYECHIK_MGM_MAC_KTREE");
    public static final EncrAlgorithm ENCR_MAGMA_MGM_MAC_KTREE = new EncrAlgorithm(35, "ENCR_MAGMA_MGM_MAC_KTREE");

    private static final Map<Integer, EncrAlgorithm> KNOWN = index(
            ENCR_DES_IV64,
            ENCR_DES,
            ENCR_3DES,
            ENCR_RC5,
            ENCR_IDEA,
            ENCR_CAST,
            ENCR_BLOWFISH,
            ENCR_3IDEA,
            ENCR_DES_IV32,
            ENCR_NULL,
            ENCR_AES_CBC,
            ENCR_AES_CTR,
            ENCR_AES_CCM_8,
            ENCR_AES_CCM_12,
            ENCR_AES_CCM_16,
            ENCR_AES_GCM_8,
            ENCR_AES_GCM_12,
            ENCR_AES_GCM_16,
            ENCR_NULL_AUTH_AES_GMAC,
            ENCR_CAMELLIA_CBC,
            ENCR_CAMELLIA_CTR,
            ENCR_CAMELLIA_CCM_8,
            ENCR_CAMELLIA_CCM_12,
            ENCR_CAMELLIA_CCM_16,
            ENCR_CHACHA20_POLY1305,
            ENCR_AES_CCM_8_IIV,
            ENCR_AES_GCM_16_IIV,
            ENCR_CHACHA20_POLY1305_IIV,
            ENCR_KUZNYECHIK_MGM_KTREE,
            ENCR_MAGMA_MGM_KTREE,
            ENCR_KUZNYECHIK_MGM_MAC_KTREE,
            ENCR_MAGMA_MGM_MAC_KTREE);

    private EncrAlgorithm(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static EncrAlgorithm valueOf(int value) {
        EncrAlgorithm known = KNOWN.get(value);
        return known != null ? known : new EncrAlgorithm(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
