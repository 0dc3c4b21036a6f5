package io.flexgate.ikev2.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that turns a chain of generic payload headers into payload records and back
 * (RFC 7296 section 3.2), as AOSP's {@code IkePayloadFactory}: it applies the rules every payload shares —
 * lengths within the message, no trailing octets, the critical bit for unknown types, SK/SKF last.
 */
public final class IkePayloadFactory {

    /** Octets of the generic payload header. */
    public static final int GENERIC_HEADER_LENGTH = 4;
    /** Payloads in one chain; a 64 KiB message of 4-octet payloads would otherwise make 16383 records. */
    public static final int MAX_PAYLOADS = 256;

    private static final int CRITICAL = 0x80;

    private IkePayloadFactory() {
    }

    /**
     * Decodes the chain that starts with a payload of type {@code first} and fills exactly
     * {@code length} octets of {@code buf} from {@code offset}.
     *
     * @throws IkeDecodeException INVALID_SYNTAX for a length, count or trailing-octet error, or
     *                            UNSUPPORTED_CRITICAL_PAYLOAD for an unknown payload with the critical bit
     */
    public static List<IkePayload> decodeChain(PayloadType first, byte[] buf, int offset, int length)
            throws IkeDecodeException {
        PayloadReader in = new PayloadReader(buf, offset, length);
        List<IkePayload> payloads = new ArrayList<>();
        PayloadType type = first;
        while (!type.equals(PayloadType.NONE)) {
            if (payloads.size() == MAX_PAYLOADS) {
                throw IkeDecodeException.invalidSyntax("more than " + MAX_PAYLOADS + " payloads");
            }
            PayloadType next = PayloadType.valueOf(in.u8("next payload"));
            boolean critical = (in.u8("critical bit") & CRITICAL) != 0;
            int payloadLength = in.u16("payload length");
            if (payloadLength < GENERIC_HEADER_LENGTH) {
                throw IkeDecodeException.invalidSyntax(type + " payload length " + payloadLength);
            }
            PayloadReader body = in.slice(payloadLength - GENERIC_HEADER_LENGTH, type + " payload");
            IkePayload payload = decodeBody(type, next, critical, body);
            body.expectEnd(type + " payload");
            payloads.add(payload);
            if (type.equals(PayloadType.SK) || type.equals(PayloadType.SKF)) {
                // The Next Payload field of SK/SKF names the first inner payload; it must be the last one.
                break;
            }
            type = next;
        }
        in.expectEnd("payload chain");
        return List.copyOf(payloads);
    }

    private static IkePayload decodeBody(PayloadType type, PayloadType next, boolean critical, PayloadReader body)
            throws IkeDecodeException {
        switch (type.value()) {
            case 33: return SaPayload.decode(body);
            case 34: return KePayload.decode(body);
            case 35: return IdPayload.decode(body, true);
            case 36: return IdPayload.decode(body, false);
            case 37: return CertPayload.decode(body);
            case 38: return CertReqPayload.decode(body);
            case 39: return AuthPayload.decode(body);
            case 40: return NoncePayload.decode(body);
            case 41: return NotifyPayload.decode(body);
            case 42: return DeletePayload.decode(body);
            case 43: return VendorIdPayload.decode(body);
            case 44: return TrafficSelectorPayload.decode(body, true);
            case 45: return TrafficSelectorPayload.decode(body, false);
            case 46: return new EncryptedPayload(next, body.rest());
            case 47: return ConfigPayload.decode(body);
            case 48: return EapPayload.decode(body);
            case 53: return EncryptedFragmentPayload.decode(body, next);
            case 132: return CiscoFragmentPayload.decode(body);
            default:
                if (critical) {
                    throw IkeDecodeException.unsupportedCriticalPayload(type.value());
                }
                return new UnknownPayload(type, false, body.rest());
        }
    }

    /**
     * Encodes a chain; {@code lastNext} is the Next Payload of the last payload (NONE, except before an SK
     * payload whose content follows elsewhere). SK and SKF write their first inner payload type instead.
     */
    static void encodeChain(List<IkePayload> payloads, PayloadWriter out) {
        for (int i = 0; i < payloads.size(); i++) {
            IkePayload p = payloads.get(i);
            PayloadType next = i + 1 < payloads.size() ? payloads.get(i + 1).type() : PayloadType.NONE;
            if (p instanceof EncryptedPayload sk) {
                next = sk.firstInnerPayload();
            } else if (p instanceof EncryptedFragmentPayload skf) {
                next = skf.firstInnerPayload();
            }
            int start = out.size();
            boolean critical = p instanceof UnknownPayload u && u.critical();
            out.u8(next.value()).u8(critical ? CRITICAL : 0).u16(0);
            p.encodeBody(out);
            out.patchU16(start + 2, out.size() - start);
        }
    }

    /** Encodes a chain to a new array. */
    public static byte[] encodeChain(List<IkePayload> payloads) {
        PayloadWriter out = new PayloadWriter();
        encodeChain(payloads, out);
        return out.toByteArray();
    }

    /** The type of the first payload of a chain, NONE for an empty one. */
    static PayloadType firstType(List<IkePayload> payloads) {
        return payloads.isEmpty() ? PayloadType.NONE : payloads.get(0).type();
    }
}
