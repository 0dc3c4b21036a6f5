package io.flexgate.api.tun;

/** A TUN device could not be created or configured; the message names what the operator can fix. */
public class TunException extends Exception {

    private static final long serialVersionUID = 1L;

    public TunException(String message) {
        super(message);
    }

    public TunException(String message, Throwable cause) {
        super(message, cause);
    }
}
