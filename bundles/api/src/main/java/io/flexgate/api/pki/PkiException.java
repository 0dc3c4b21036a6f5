package io.flexgate.api.pki;

/** A trustpoint action that failed; the message is one sentence for the operator and never holds a secret. */
public class PkiException extends Exception {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
