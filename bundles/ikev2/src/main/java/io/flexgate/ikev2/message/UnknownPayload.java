package io.flexgate.ikev2.message;

/**
 * A payload of a type we do not understand whose critical bit was clear: it is skipped by the SA layer
 * but kept so that re-encoding reproduces the message (RFC 7296 section 2.5).
 *
 * @param type     the payload type
 * @param critical the critical bit as received (always false after decoding; kept for encoding tests)
 * @param body     the body octets
 */
public record UnknownPayload(PayloadType type, boolean critical, Bytes body) implements IkePayload {

    @Override
    public void encodeBody(PayloadWriter out) {
        out.bytes(body);
    }

    @Override
    public String summary() {
        return "UNKNOWN(" + type.value() + ")";
    }
}
