package io.flexgate.api.dataplane;

/** A CHILD_SA could not be installed; the message says why (unsupported algorithm, no TUN, duplicate SPI). */
public class DataPlaneException extends Exception {

    private static final long serialVersionUID = 1L;

    public DataPlaneException(String message) {
        super(message);
    }

    public DataPlaneException(String message, Throwable cause) {
        super(message, cause);
    }
}
