package io.flexgate.ikev2.message;

/**
 * Nonce payload (RFC 7296 section 3.9).
 *
 * @param nonce the nonce, {@value #MIN_NONCE_LENGTH}..{@value #MAX_NONCE_LENGTH} octets
 */
public record NoncePayload(Bytes nonce) implements IkePayload {

    /** "at least 128 bits in size" (RFC 7296 section 3.9). */
    public static final int MIN_NONCE_LENGTH = 16;
    /** "at most 2048 bits in size" (RFC 7296 section 3.9). */
    public static final int MAX_NONCE_LENGTH = 256;

    public NoncePayload {
        if (nonce.length() < MIN_NONCE_LENGTH || nonce.length() > MAX_NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce of " + nonce.length() + " octets");
        }
    }

    static NoncePayload decode(PayloadReader in) throws IkeDecodeException {
        int n = in.remaining();
        if (n < MIN_NONCE_LENGTH || n > MAX_NONCE_LENGTH) {
            throw IkeDecodeException.invalidSyntax("nonce of " + n + " octets");
        }
        return new NoncePayload(in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.bytes(nonce);
    }

    @Override
    public PayloadType type() {
        return PayloadType.NONCE;
    }
}
