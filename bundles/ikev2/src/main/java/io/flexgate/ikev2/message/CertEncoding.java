package io.flexgate.ikev2.message;

/**
 * IKEv2 Certificate Encodings (IANA, RFC 7296 section 3.6), an open value; {@link #valueOf} never
 * throws for 0..255.
 */
public record CertEncoding(int value) {

    private static final IanaNames NAMES = new IanaNames("CertEncoding", 0xFF);

    public static final CertEncoding PKCS7_WRAPPED_X509 = new CertEncoding(NAMES.add(1, "PKCS7_WRAPPED_X509"));
    public static final CertEncoding PGP = new CertEncoding(NAMES.add(2, "PGP"));
    public static final CertEncoding DNS_SIGNED_KEY = new CertEncoding(NAMES.add(3, "DNS_SIGNED_KEY"));
    public static final CertEncoding X509_SIGNATURE = new CertEncoding(NAMES.add(4, "X509_SIGNATURE"));
    public static final CertEncoding KERBEROS_TOKEN = new CertEncoding(NAMES.add(6, "KERBEROS_TOKEN"));
    public static final CertEncoding CRL = new CertEncoding(NAMES.add(7, "CRL"));
    public static final CertEncoding ARL = new CertEncoding(NAMES.add(8, "ARL"));
    public static final CertEncoding SPKI = new CertEncoding(NAMES.add(9, "SPKI"));
    public static final CertEncoding X509_ATTRIBUTE = new CertEncoding(NAMES.add(10, "X509_ATTRIBUTE"));
    public static final CertEncoding RAW_RSA_KEY = new CertEncoding(NAMES.add(11, "RAW_RSA_KEY"));
    public static final CertEncoding HASH_URL_X509_CERT = new CertEncoding(NAMES.add(12, "HASH_URL_X509_CERT"));
    public static final CertEncoding HASH_URL_X509_BUNDLE = new CertEncoding(NAMES.add(13, "HASH_URL_X509_BUNDLE"));
    public static final CertEncoding OCSP_CONTENT = new CertEncoding(NAMES.add(14, "OCSP_CONTENT"));
    public static final CertEncoding RAW_PUBLIC_KEY = new CertEncoding(NAMES.add(15, "RAW_PUBLIC_KEY"));

    public CertEncoding {
        NAMES.checkRange(value);
    }

    public static CertEncoding valueOf(int value) {
        return new CertEncoding(value);
    }

    public String name() {
        return NAMES.name(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
