package io.flexgate.api.eap;

/** EAP packet codes (RFC 3748 section 4). */
public enum EapCode {
    REQUEST(1), RESPONSE(2), SUCCESS(3), FAILURE(4);

    private final int value;

    EapCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The code for {@code value}, or {@code null} when RFC 3748 defines none (the packet is then dropped). */
    public static EapCode of(int value) {
        return switch (value) {
            case 1 -> REQUEST;
            case 2 -> RESPONSE;
            case 3 -> SUCCESS;
            case 4 -> FAILURE;
            default -> null;
        };
    }
}
