package io.flexgate.ikev2.message;

/**
 * Certificate payload (RFC 7296 section 3.6).
 *
 * @param encoding the certificate encoding
 * @param data     the certificate data (a DER X.509 certificate for {@link CertEncoding#X509_SIGNATURE})
 */
public record CertPayload(CertEncoding encoding, Bytes data) implements IkePayload {

    static CertPayload decode(PayloadReader in) throws IkeDecodeException {
        return new CertPayload(CertEncoding.valueOf(in.u8("CERT encoding")), in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(encoding.value()).bytes(data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.CERT;
    }
}
