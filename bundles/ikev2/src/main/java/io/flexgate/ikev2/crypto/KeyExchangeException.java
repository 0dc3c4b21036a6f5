package io.flexgate.ikev2.crypto;

/**
 * The peer's Key Exchange Data is malformed or weak (wrong length, out of range, not on the curve, or
 * giving an all-zero secret). The exchange fails; RFC 7296 section 2.21 lets a responder answer
 * INVALID_SYNTAX. Carries no key material.
 */
public class KeyExchangeException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyExchangeException(String message) {
        super(message);
    }
}
