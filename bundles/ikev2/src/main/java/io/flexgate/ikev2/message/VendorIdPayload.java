package io.flexgate.ikev2.message;

/**
 * Vendor ID payload (RFC 7296 section 3.12).
 *
 * @param vendorId the vendor's identifying octets (often a hash)
 */
public record VendorIdPayload(Bytes vendorId) implements IkePayload {

    static VendorIdPayload decode(PayloadReader in) {
        return new VendorIdPayload(in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.bytes(vendorId);
    }

    @Override
    public PayloadType type() {
        return PayloadType.VENDOR_ID;
    }
}
