package io.flexgate.ikev2.message;

import io.flexgate.ikev2.crypto.DhGroup;

/**
 * Key Exchange payload (RFC 7296 section 3.4).
 *
 * @param group the Diffie-Hellman group (key exchange method)
 * @param data  the public value
 */
public record KePayload(DhGroup group, Bytes data) implements IkePayload {

    static KePayload decode(PayloadReader in) throws IkeDecodeException {
        DhGroup group = DhGroup.valueOf(in.u16("KE group"));
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
