package io.flexgate.ikev2.crypto;

/** An SK or SKF payload failed its integrity check or had malformed padding. Carries no key material. */
public class SkIntegrityException extends Exception {

    private static final long serialVersionUID = 1L;

    public SkIntegrityException(String message) {
        super(message);
    }
}
