package io.flexgate.eap.anyconnect.message;

/**
 * An AnyConnect-EAP message that cannot be used: broken TLV framing, XML that is not well-formed or
 * exceeds a limit, or a {@code config-auth} document that lacks what its type needs. The message is
 * safe to log (it never quotes element text, which may be a password).
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
