package io.flexgate.aaa.radius.packet;

/**
 * A datagram that is not a well-formed RADIUS packet, or one whose authenticators do not verify. RFC 2865
 * section 3: such packets are silently discarded; the message says why, for the log, and never holds a
 * secret.
 */
public final class RadiusFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public RadiusFormatException(String message) {
        super(message);
    }
}
