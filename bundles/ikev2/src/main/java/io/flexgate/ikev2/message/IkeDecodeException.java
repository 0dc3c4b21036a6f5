package io.flexgate.ikev2.message;

/**
 * A received message or payload is malformed. Carries the RFC 7296 notify type the error implies
 * (section 3.10.1) and the notification data to send with it, so that the SA layer can answer without
 * knowing codec details (the idea of AOSP's {@code IkeProtocolException}).
 */
public final class IkeDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient NotifyType notifyType;
    private final transient Bytes notifyData;

    public IkeDecodeException(NotifyType notifyType, Bytes notifyData, String message) {
        super(message, null, false, false);
        this.notifyType = notifyType;
        this.notifyData = notifyData;
    }

    /** INVALID_SYNTAX: a length, count or field value that the RFC does not allow. */
    public static IkeDecodeException invalidSyntax(String message) {
        return new IkeDecodeException(NotifyType.INVALID_SYNTAX, Bytes.EMPTY, message);
    }

    /** UNSUPPORTED_CRITICAL_PAYLOAD with the one-octet payload type as data (RFC 7296 section 3.10.1). */
    public static IkeDecodeException unsupportedCriticalPayload(int payloadType) {
        return new IkeDecodeException(NotifyType.UNSUPPORTED_CRITICAL_PAYLOAD,
                Bytes.of(new byte[] {(byte) payloadType}),
                "unsupported critical payload " + payloadType);
    }

    /** INVALID_MAJOR_VERSION with the highest version we support as the data (RFC 7296 section 2.5). */
    public static IkeDecodeException invalidMajorVersion(int major) {
        return new IkeDecodeException(NotifyType.INVALID_MAJOR_VERSION, Bytes.of(new byte[] {2}),
                "major version " + major);
    }

    public NotifyType notifyType() {
        return notifyType;
    }

    public Bytes notifyData() {
        return notifyData;
    }
}
