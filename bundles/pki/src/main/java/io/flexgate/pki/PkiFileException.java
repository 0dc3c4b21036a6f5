package io.flexgate.pki;

/** A key, certificate or CRL source that cannot be used; the message names the file and says why. */
final class PkiFileException extends Exception {

    PkiFileException(String message) {
        super(message);
    }

    PkiFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
