package io.flexgate.ikev2.message;

/**
 * Certificate Request payload (RFC 7296 section 3.7).
 *
 * @param encoding    the certificate encoding requested
 * @param authorities the concatenated SHA-1 hashes of the trusted CAs' public keys (20 octets each for X.509)
 */
public record CertReqPayload(CertEncoding encoding, Bytes authorities) implements IkePayload {

    static CertReqPayload decode(PayloadReader in) throws IkeDecodeException {
        return new CertReqPayload(CertEncoding.valueOf(in.u8("CERTREQ encoding")), in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(encoding.value()).bytes(authorities);
    }

    @Override
    public PayloadType type() {
        return PayloadType.CERTREQ;
    }
}
