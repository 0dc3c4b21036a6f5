package io.flexgate.ikev2.message;

/**
 * Key Exchange payload (RFC 7296 section 3.4).
 *
 * @param group the Diffie-Hellman group / key exchange method, a {@link TransformType#KE} id
 * @param data  the public value
 */
public record KePayload(TransformId group, Bytes data) implements IkePayload {

    public KePayload {
        if (!group.type().equals(TransformType.KE)) {
            throw new IllegalArgumentException("KE payload group must be a KE transform id: " + group);
        }
    }

    static KePayload decode(PayloadReader in) throws IkeDecodeException {
        TransformId group = TransformId.of(TransformType.KE, in.u16("KE group"));
        in.skip(2, "KE reserved");
        return new KePayload(group, in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u16(group.value()).zeros(2).bytes(data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.KE;
    }
}
