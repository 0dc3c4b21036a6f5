package io.flexgate.ikev2.message;

/**
 * Identification payload IDi or IDr (RFC 7296 section 3.5). The data stays the octets that were sent: the
 * AUTH computation signs them as received (section 2.15), and ID type 201 from AnyConnect is opaque.
 *
 * @param initiator true for IDi, false for IDr
 * @param idType    the ID type
 * @param data      the identification data
 */
public record IdPayload(boolean initiator, IdType idType, Bytes data) implements IkePayload {

    static IdPayload decode(PayloadReader in, boolean initiator) throws IkeDecodeException {
        IdType idType = IdType.valueOf(in.u8("ID type"));
        in.skip(3, "ID reserved");
        return new IdPayload(initiator, idType, in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(idType.value()).zeros(3).bytes(data);
    }

    /**
     * The octets the AUTH payload covers: ID type, the three reserved octets and the data (RFC 7296
     * section 2.15, "RestOfIDPayload").
     */
    public byte[] restOfPayload() {
        PayloadWriter w = new PayloadWriter();
        encodeBody(w);
        return w.toByteArray();
    }

    @Override
    public PayloadType type() {
        return initiator ? PayloadType.IDI : PayloadType.IDR;
    }
}
