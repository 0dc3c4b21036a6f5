package io.flexgate.ikev2.message;

import io.flexgate.ikev2.crypto.AuthMethod;

/**
 * Authentication payload (RFC 7296 section 3.8; for method 14 the data starts with the RFC 7427
 * AlgorithmIdentifier, which the crypto suite reads).
 *
 * @param method the authentication method
 * @param data   the authentication data
 */
public record AuthPayload(AuthMethod method, Bytes data) implements IkePayload {

    static AuthPayload decode(PayloadReader in) throws IkeDecodeException {
        AuthMethod method = AuthMethod.valueOf(in.u8("AUTH method"));
        in.skip(3, "AUTH reserved");
        return new AuthPayload(method, in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(method.value()).zeros(3).bytes(data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.AUTH;
    }
}
