package io.flexgate.ikev2.message;

import java.util.HashMap;
import java.util.Map;

/**
 * A Transform ID within its Transform Type (IANA "IKEv2 Transform Attribute ... Transform IDs" registries,
 * RFC 7296 section 3.3.2; RFC 5282 for AES-GCM/CCM, RFC 7634 ChaCha20-Poly1305, RFC 8031 Curve25519,
 * RFC 9370 additional key exchanges). An open value: every 16-bit id is valid, {@link #of} never throws
 * for 0..65535. The crypto suite maps these IANA numbers to algorithms; the codec only names them.
 *
 * @param type  the transform type the id belongs to
 * @param value the transform id
 */
public record TransformId(TransformType type, int value) {

    private static final Map<Integer, IanaNames> NAMES = new HashMap<>();

    private static final IanaNames ENCR_NAMES = names(TransformType.ENCR);
    public static final TransformId ENCR_DES_IV64 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(1, "DES_IV64"));
    public static final TransformId ENCR_DES = new TransformId(TransformType.ENCR, ENCR_NAMES.add(2, "DES"));
    public static final TransformId ENCR_TRIPLE_DES = new TransformId(TransformType.ENCR, ENCR_NAMES.add(3, "3DES"));
    public static final TransformId ENCR_RC5 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(4, "RC5"));
    public static final TransformId ENCR_IDEA = new TransformId(TransformType.ENCR, ENCR_NAMES.add(5, "IDEA"));
    public static final TransformId ENCR_CAST = new TransformId(TransformType.ENCR, ENCR_NAMES.add(6, "CAST"));
    public static final TransformId ENCR_BLOWFISH = new TransformId(TransformType.ENCR, ENCR_NAMES.add(7, "BLOWFISH"));
    public static final TransformId ENCR_TRIPLE_IDEA = new TransformId(TransformType.ENCR, ENCR_NAMES.add(8, "3IDEA"));
    public static final TransformId ENCR_DES_IV32 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(9, "DES_IV32"));
    public static final TransformId ENCR_NULL = new TransformId(TransformType.ENCR, ENCR_NAMES.add(11, "NULL"));
    public static final TransformId ENCR_AES_CBC = new TransformId(TransformType.ENCR, ENCR_NAMES.add(12, "AES_CBC"));
    public static final TransformId ENCR_AES_CTR = new TransformId(TransformType.ENCR, ENCR_NAMES.add(13, "AES_CTR"));
    public static final TransformId ENCR_AES_CCM_8 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(14, "AES_CCM_8"));
    public static final TransformId ENCR_AES_CCM_12 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(15, "AES_CCM_12"));
    public static final TransformId ENCR_AES_CCM_16 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(16, "AES_CCM_16"));
    public static final TransformId ENCR_AES_GCM_8 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(18, "AES_GCM_8"));
    public static final TransformId ENCR_AES_GCM_12 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(19, "AES_GCM_12"));
    public static final TransformId ENCR_AES_GCM_16 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(20, "AES_GCM_16"));
    public static final TransformId ENCR_NULL_AUTH_AES_GMAC = new TransformId(TransformType.ENCR, ENCR_NAMES.add(21, "NULL_AUTH_AES_GMAC"));
    public static final TransformId ENCR_CAMELLIA_CBC = new TransformId(TransformType.ENCR, ENCR_NAMES.add(23, "CAMELLIA_CBC"));
    public static final TransformId ENCR_CAMELLIA_CTR = new TransformId(TransformType.ENCR, ENCR_NAMES.add(24, "CAMELLIA_CTR"));
    public static final TransformId ENCR_CAMELLIA_CCM_8 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(25, "CAMELLIA_CCM_8"));
    public static final TransformId ENCR_CAMELLIA_CCM_12 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(26, "CAMELLIA_CCM_12"));
    public static final TransformId ENCR_CAMELLIA_CCM_16 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(27, "CAMELLIA_CCM_16"));
    public static final TransformId ENCR_CHACHA20_POLY1305 = new TransformId(TransformType.ENCR, ENCR_NAMES.add(28, "CHACHA20_POLY1305"));
    public static final TransformId ENCR_AES_CCM_8_IIV = new TransformId(TransformType.ENCR, ENCR_NAMES.add(29, "AES_CCM_8_IIV"));
    public static final TransformId ENCR_AES_GCM_16_IIV = new TransformId(TransformType.ENCR, ENCR_NAMES.add(30, "AES_GCM_16_IIV"));
    public static final TransformId ENCR_CHACHA20_POLY1305_IIV = new TransformId(TransformType.ENCR, ENCR_NAMES.add(31, "CHACHA20_POLY1305_IIV"));
    public static final TransformId ENCR_KUZNYECHIK_MGM_KTREE = new TransformId(TransformType.ENCR, ENCR_NAMES.add(32, "KUZNYECHIK_MGM_KTREE"));
    public static final TransformId ENCR_MAGMA_MGM_KTREE = new TransformId(TransformType.ENCR, ENCR_NAMES.add(33, "MAGMA_MGM_KTREE"));
    public static final TransformId ENCR_KUZNYECHIK_MGM_MAC_KTREE = new TransformId(TransformType.ENCR, ENCR_NAMES.add(34, "KUZNYECHIK_MGM_MAC_KTREE"));
    public static final TransformId ENCR_MAGMA_MGM_MAC_KTREE = new TransformId(TransformType.ENCR, ENCR_NAMES.add(35, "MAGMA_MGM_MAC_KTREE"));

    private static final IanaNames PRF_NAMES = names(TransformType.PRF);
    public static final TransformId PRF_HMAC_MD5 = new TransformId(TransformType.PRF, PRF_NAMES.add(1, "PRF_HMAC_MD5"));
    public static final TransformId PRF_HMAC_SHA1 = new TransformId(TransformType.PRF, PRF_NAMES.add(2, "PRF_HMAC_SHA1"));
    public static final TransformId PRF_HMAC_TIGER = new TransformId(TransformType.PRF, PRF_NAMES.add(3, "PRF_HMAC_TIGER"));
    public static final TransformId PRF_AES128_XCBC = new TransformId(TransformType.PRF, PRF_NAMES.add(4, "PRF_AES128_XCBC"));
    public static final TransformId PRF_HMAC_SHA2_256 = new TransformId(TransformType.PRF, PRF_NAMES.add(5, "PRF_HMAC_SHA2_256"));
    public static final TransformId PRF_HMAC_SHA2_384 = new TransformId(TransformType.PRF, PRF_NAMES.add(6, "PRF_HMAC_SHA2_384"));
    public static final TransformId PRF_HMAC_SHA2_512 = new TransformId(TransformType.PRF, PRF_NAMES.add(7, "PRF_HMAC_SHA2_512"));
    public static final TransformId PRF_AES128_CMAC = new TransformId(TransformType.PRF, PRF_NAMES.add(8, "PRF_AES128_CMAC"));
    public static final TransformId PRF_HMAC_STREEBOG_512 = new TransformId(TransformType.PRF, PRF_NAMES.add(9, "PRF_HMAC_STREEBOG_512"));

    private static final IanaNames INTEG_NAMES = names(TransformType.INTEG);
    public static final TransformId INTEG_NONE = new TransformId(TransformType.INTEG, INTEG_NAMES.add(0, "NONE"));
    public static final TransformId INTEG_AUTH_HMAC_MD5_96 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(1, "AUTH_HMAC_MD5_96"));
    public static final TransformId INTEG_AUTH_HMAC_SHA1_96 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(2, "AUTH_HMAC_SHA1_96"));
    public static final TransformId INTEG_AUTH_DES_MAC = new TransformId(TransformType.INTEG, INTEG_NAMES.add(3, "AUTH_DES_MAC"));
    public static final TransformId INTEG_AUTH_KPDK_MD5 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(4, "AUTH_KPDK_MD5"));
    public static final TransformId INTEG_AUTH_AES_XCBC_96 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(5, "AUTH_AES_XCBC_96"));
    public static final TransformId INTEG_AUTH_HMAC_MD5_128 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(6, "AUTH_HMAC_MD5_128"));
    public static final TransformId INTEG_AUTH_HMAC_SHA1_160 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(7, "AUTH_HMAC_SHA1_160"));
    public static final TransformId INTEG_AUTH_AES_CMAC_96 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(8, "AUTH_AES_CMAC_96"));
    public static final TransformId INTEG_AUTH_AES_128_GMAC = new TransformId(TransformType.INTEG, INTEG_NAMES.add(9, "AUTH_AES_128_GMAC"));
    public static final TransformId INTEG_AUTH_AES_192_GMAC = new TransformId(TransformType.INTEG, INTEG_NAMES.add(10, "AUTH_AES_192_GMAC"));
    public static final TransformId INTEG_AUTH_AES_256_GMAC = new TransformId(TransformType.INTEG, INTEG_NAMES.add(11, "AUTH_AES_256_GMAC"));
    public static final TransformId INTEG_AUTH_HMAC_SHA2_256_128 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(12, "AUTH_HMAC_SHA2_256_128"));
    public static final TransformId INTEG_AUTH_HMAC_SHA2_384_192 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(13, "AUTH_HMAC_SHA2_384_192"));
    public static final TransformId INTEG_AUTH_HMAC_SHA2_512_256 = new TransformId(TransformType.INTEG, INTEG_NAMES.add(14, "AUTH_HMAC_SHA2_512_256"));

    private static final IanaNames KE_NAMES = names(TransformType.KE);
    public static final TransformId KE_NONE = new TransformId(TransformType.KE, KE_NAMES.add(0, "NONE"));
    public static final TransformId KE_MODP_768 = new TransformId(TransformType.KE, KE_NAMES.add(1, "MODP_768"));
    public static final TransformId KE_MODP_1024 = new TransformId(TransformType.KE, KE_NAMES.add(2, "MODP_1024"));
    public static final TransformId KE_MODP_1536 = new TransformId(TransformType.KE, KE_NAMES.add(5, "MODP_1536"));
    public static final TransformId KE_MODP_2048 = new TransformId(TransformType.KE, KE_NAMES.add(14, "MODP_2048"));
    public static final TransformId KE_MODP_3072 = new TransformId(TransformType.KE, KE_NAMES.add(15, "MODP_3072"));
    public static final TransformId KE_MODP_4096 = new TransformId(TransformType.KE, KE_NAMES.add(16, "MODP_4096"));
    public static final TransformId KE_MODP_6144 = new TransformId(TransformType.KE, KE_NAMES.add(17, "MODP_6144"));
    public static final TransformId KE_MODP_8192 = new TransformId(TransformType.KE, KE_NAMES.add(18, "MODP_8192"));
    public static final TransformId KE_ECP_256 = new TransformId(TransformType.KE, KE_NAMES.add(19, "ECP_256"));
    public static final TransformId KE_ECP_384 = new TransformId(TransformType.KE, KE_NAMES.add(20, "ECP_384"));
    public static final TransformId KE_ECP_521 = new TransformId(TransformType.KE, KE_NAMES.add(21, "ECP_521"));
    public static final TransformId KE_MODP_1024_160 = new TransformId(TransformType.KE, KE_NAMES.add(22, "MODP_1024_160"));
    public static final TransformId KE_MODP_2048_224 = new TransformId(TransformType.KE, KE_NAMES.add(23, "MODP_2048_224"));
    public static final TransformId KE_MODP_2048_256 = new TransformId(TransformType.KE, KE_NAMES.add(24, "MODP_2048_256"));
    public static final TransformId KE_ECP_192 = new TransformId(TransformType.KE, KE_NAMES.add(25, "ECP_192"));
    public static final TransformId KE_ECP_224 = new TransformId(TransformType.KE, KE_NAMES.add(26, "ECP_224"));
    public static final TransformId KE_BRAINPOOL_P224R1 = new TransformId(TransformType.KE, KE_NAMES.add(27, "BRAINPOOL_P224R1"));
    public static final TransformId KE_BRAINPOOL_P256R1 = new TransformId(TransformType.KE, KE_NAMES.add(28, "BRAINPOOL_P256R1"));
    public static final TransformId KE_BRAINPOOL_P384R1 = new TransformId(TransformType.KE, KE_NAMES.add(29, "BRAINPOOL_P384R1"));
    public static final TransformId KE_BRAINPOOL_P512R1 = new TransformId(TransformType.KE, KE_NAMES.add(30, "BRAINPOOL_P512R1"));
    public static final TransformId KE_CURVE25519 = new TransformId(TransformType.KE, KE_NAMES.add(31, "CURVE25519"));
    public static final TransformId KE_CURVE448 = new TransformId(TransformType.KE, KE_NAMES.add(32, "CURVE448"));
    public static final TransformId KE_GOST3410_2012_256 = new TransformId(TransformType.KE, KE_NAMES.add(33, "GOST3410_2012_256"));
    public static final TransformId KE_GOST3410_2012_512 = new TransformId(TransformType.KE, KE_NAMES.add(34, "GOST3410_2012_512"));
    public static final TransformId KE_ML_KEM_512 = new TransformId(TransformType.KE, KE_NAMES.add(35, "ML_KEM_512"));
    public static final TransformId KE_ML_KEM_768 = new TransformId(TransformType.KE, KE_NAMES.add(36, "ML_KEM_768"));
    public static final TransformId KE_ML_KEM_1024 = new TransformId(TransformType.KE, KE_NAMES.add(37, "ML_KEM_1024"));

    private static final IanaNames ESN_NAMES = names(TransformType.ESN);
    public static final TransformId ESN_NO_ESN = new TransformId(TransformType.ESN, ESN_NAMES.add(0, "NO_ESN"));
    public static final TransformId ESN_ESN = new TransformId(TransformType.ESN, ESN_NAMES.add(1, "ESN"));

    public TransformId {
        if (type == null) {
            throw new IllegalArgumentException("transform type missing");
        }
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("transform id " + value + " out of range 0..65535");
        }
    }

    private static IanaNames names(TransformType type) {
        IanaNames n = new IanaNames(type.name(), 0xFFFF);
        NAMES.put(type.value(), n);
        return n;
    }

    public static TransformId of(TransformType type, int value) {
        return new TransformId(type, value);
    }

    /** The IANA name within the type's registry, e.g. {@code AES_GCM_16}; the number for an unknown id. */
    public String name() {
        IanaNames n = registry();
        return n == null ? Integer.toString(value) : n.name(value);
    }

    public boolean isKnown() {
        IanaNames n = registry();
        return n != null && n.isKnown(value);
    }

    /** ADDKE1..7 take their ids from the key exchange registry (RFC 9370 section 2.2.1). */
    private IanaNames registry() {
        int t = type.value();
        return NAMES.get(t >= TransformType.ADDKE1.value() && t <= TransformType.ADDKE7.value() ? TransformType.KE.value() : t);
    }

    @Override
    public String toString() {
        return type.name() + ":" + name();
    }
}
