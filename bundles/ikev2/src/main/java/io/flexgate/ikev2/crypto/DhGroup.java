package io.flexgate.ikev2.crypto;

import java.util.Map;

/** Transform Type 4 - Key Exchange Method Transform IDs, the Diffie-Hellman groups (IANA IKEv2 registry). */
public final class DhGroup extends IanaValue {

    public static final DhGroup NONE = new DhGroup(0, "NONE");
    public static final DhGroup MODP_768 = new DhGroup(1, "MODP_768");
    public static final DhGroup MODP_1024 = new DhGroup(2, "MODP_1024");
    public static final DhGroup MODP_1536 = new DhGroup(5, "MODP_1536");
    public static final DhGroup MODP_2048 = new DhGroup(14, "MODP_2048");
    public static final DhGroup MODP_3072 = new DhGroup(15, "MODP_3072");
    public static final DhGroup MODP_4096 = new DhGroup(16, "MODP_4096");
    public static final DhGroup MODP_6144 = new DhGroup(17, "MODP_6144");
    public static final DhGroup MODP_8192 = new DhGroup(18, "MODP_8192");
    public static final DhGroup ECP_256 = new DhGroup(19, "ECP_256");
    public static final DhGroup ECP_384 = new DhGroup(20, "ECP_384");
    public static final DhGroup ECP_521 = new DhGroup(21, "ECP_521");
    public static final DhGroup MODP_1024_160_POS = new DhGroup(22, "MODP_1024_160_POS");
    public static final DhGroup MODP_2048_224_POS = new DhGroup(23, "MODP_2048_224_POS");
    public static final DhGroup MODP_2048_256_POS = new DhGroup(24, "MODP_2048_256_POS");
    public static final DhGroup ECP_192 = new DhGroup(25, "ECP_192");
    public static final DhGroup ECP_224 = new DhGroup(26, "ECP_224");
    public static final DhGroup BRAINPOOL_P224R1 = new DhGroup(27, "BRAINPOOL_P224R1");
    public static final DhGroup BRAINPOOL_P256R1 = new DhGroup(28, "BRAINPOOL_P256R1");
    public static final DhGroup BRAINPOOL_P384R1 = new DhGroup(29, "BRAINPOOL_P384R1");
    public static final DhGroup BRAINPOOL_P512R1 = new DhGroup(30, "BRAINPOOL_P512R1");
    public static final DhGroup CURVE25519 = new DhGroup(31, "CURVE25519");
    public static final DhGroup CURVE448 = new DhGroup(32, "CURVE448");
    public static final DhGroup GOST3410_2012_256 = new DhGroup(33, "GOST3410_2012_256");
    public static final DhGroup GOST3410_2012_512 = new DhGroup(34, "GOST3410_2012_512");
    public static final DhGroup ML_KEM_512 = new DhGroup(35, "ML_KEM_512");
    public static final DhGroup ML_KEM_768 = new DhGroup(36, "ML_KEM_768");
    public static final DhGroup ML_KEM_1024 = new DhGroup(37, "ML_KEM_1024");

    private static final Map<Integer, DhGroup> KNOWN = index(
            NONE,
            MODP_768,
            MODP_1024,
            MODP_1536,
            MODP_2048,
            MODP_3072,
            MODP_4096,
            MODP_6144,
            MODP_8192,
            ECP_256,
            ECP_384,
            ECP_521,
            MODP_1024_160_POS,
            MODP_2048_224_POS,
            MODP_2048_256_POS,
            ECP_192,
            ECP_224,
            BRAINPOOL_P224R1,
            BRAINPOOL_P256R1,
            BRAINPOOL_P384R1,
            BRAINPOOL_P512R1,
            CURVE25519,
            CURVE448,
            GOST3410_2012_256,
            GOST3410_2012_512,
            ML_KEM_512,
            ML_KEM_768,
            ML_KEM_1024);

    private DhGroup(int value, String name) {
        super(value, name);
    }

    /** The registered value, or an unassigned one; never throws. */
    public static DhGroup valueOf(int value) {
        DhGroup known = KNOWN.get(value);
        return known != null ? known : new DhGroup(value, unassigned(value));
    }

    /** True when the number is in the IANA registry as this class knows it. */
    public boolean isAssigned() {
        return KNOWN.containsKey(value());
    }
}
