package io.flexgate.ikev2.message;

/**
 * IKEv2 Identification Payload ID Types (IANA, RFC 7296 section 3.5), an open value; {@link #valueOf}
 * never throws for 0..255. Type 201 is in the private-use range: AnyConnect clients send
 * {@code *$AnyConnectClient$*} with it (anchors.md section 2.1, strongSwan names 201 ID_DER_ASN1_GN_URI).
 */
public record IdType(int value) {

    private static final IanaNames NAMES = new IanaNames("IdType", 0xFF);

    public static final IdType ID_IPV4_ADDR = new IdType(NAMES.add(1, "ID_IPV4_ADDR"));
    public static final IdType ID_FQDN = new IdType(NAMES.add(2, "ID_FQDN"));
    public static final IdType ID_RFC822_ADDR = new IdType(NAMES.add(3, "ID_RFC822_ADDR"));
    public static final IdType ID_IPV6_ADDR = new IdType(NAMES.add(5, "ID_IPV6_ADDR"));
    public static final IdType ID_DER_ASN1_DN = new IdType(NAMES.add(9, "ID_DER_ASN1_DN"));
    public static final IdType ID_DER_ASN1_GN = new IdType(NAMES.add(10, "ID_DER_ASN1_GN"));
    public static final IdType ID_KEY_ID = new IdType(NAMES.add(11, "ID_KEY_ID"));
    public static final IdType ID_FC_NAME = new IdType(NAMES.add(12, "ID_FC_NAME"));
    public static final IdType ID_NULL = new IdType(NAMES.add(13, "ID_NULL"));
    public static final IdType ANYCONNECT_PRIVATE = new IdType(NAMES.add(201, "ID_PRIVATE_201", "ID_PRIVATE_201"));

    public IdType {
        NAMES.checkRange(value);
    }

    public static IdType valueOf(int value) {
        return new IdType(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    /** First and last private-use ID type (RFC 7296 section 3.5). */
    public static final int PRIVATE_USE_FIRST = 201;
    public static final int PRIVATE_USE_LAST = 255;

    @Override
    public String toString() {
        return name();
    }
}
