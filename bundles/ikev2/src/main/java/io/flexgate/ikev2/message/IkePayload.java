package io.flexgate.ikev2.message;

/**
 * One IKEv2 payload (RFC 7296 section 3.2 onwards). Every payload is an immutable record; the generic
 * payload header (next payload, critical bit, length) is written by the codec, each record encodes only
 * its body, next to the {@code decode} that reads it (see {@link IkePayloadFactory}).
 */
public sealed interface IkePayload permits SaPayload, KePayload, IdPayload, CertPayload, CertReqPayload,
        AuthPayload, NoncePayload, NotifyPayload, DeletePayload, VendorIdPayload, TrafficSelectorPayload,
        EncryptedPayload, EncryptedFragmentPayload, ConfigPayload, EapPayload, CiscoFragmentPayload,
        UnknownPayload {

    /** The payload type this record is sent as. */
    PayloadType type();

    /** Writes the body (everything after the 4-octet generic payload header). */
    void encodeBody(PayloadWriter out);

    /** The token of the one-line message summary, strongSwan style: {@code No}, {@code N(COOKIE)}... */
    default String summary() {
        return type().shortName();
    }
}
