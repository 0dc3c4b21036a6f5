package io.flexgate.ikev2.message;

/**
 * Encrypted and Authenticated payload SK (RFC 7296 section 3.14) as it is on the wire: the codec opens it
 * with an {@code SkCipher} and decodes the inner payloads, starting with {@code firstInnerPayload}.
 *
 * @param firstInnerPayload the Next Payload field of the SK header: type of the first inner payload
 * @param body              IV, ciphertext and ICV
 */
public record EncryptedPayload(PayloadType firstInnerPayload, Bytes body) implements IkePayload {

    @Override
    public void encodeBody(PayloadWriter out) {
        out.bytes(body);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SK;
    }
}
