package io.flexgate.api.eap;

/** A peer conversation cannot go on; the message is meant for the user. */
public class EapPeerException extends Exception {

    private static final long serialVersionUID = 1L;

    public EapPeerException(String message) {
        super(message);
    }

    public EapPeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
