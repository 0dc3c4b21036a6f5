package io.flexgate.ikev2.message;

import java.util.Optional;

/**
 * What the stateless front of IKE_SA_INIT needs from a request, read without decoding it (RFC 7296 section 2.6):
 * whether SA, KE and Nonce are there, the nonce, and the COOKIE notify's data. Only the generic payload headers
 * are walked (section 3.2), so a flood of requests is answered with cookies at a fraction of a full decode; a
 * request that gets past the cookie is decoded in full before any state is made for it.
 *
 * @param hasSa  an SA payload is present
 * @param hasKe  a KE payload is present
 * @param nonce  the first Nonce payload of a length RFC 7296 allows (16 to 256 octets)
 * @param cookie the data of the first COOKIE notify
 */
public record SaInitScan(boolean hasSa, boolean hasKe, Optional<Bytes> nonce, Optional<Bytes> cookie) {

    private static final int SA = PayloadType.SA.value();
    private static final int KE = PayloadType.KE.value();
    private static final int NONCE = PayloadType.NONCE.value();
    private static final int NOTIFY = PayloadType.NOTIFY.value();
    private static final int COOKIE = NotifyType.COOKIE.value();
    /** Generic payload header (section 3.2). */
    private static final int PAYLOAD_HEADER = 4;
    /** Protocol ID, SPI size and notify type ahead of a notify's SPI (section 3.10). */
    private static final int NOTIFY_FIXED = 4;

    /** SA, KE and a nonce of a length RFC 7296 allows (16 to 256 octets): the request can be served. */
    public boolean complete() {
        return hasSa && hasKe && nonce.isPresent();
    }

    /**
     * Walks the payload chain of {@code datagram}, whose header is {@code header} (already checked by
     * {@link IkeMessageCodec#decodeHeader}).
     *
     * @throws IkeDecodeException INVALID_SYNTAX when a payload length is out of bounds or the chain does not end at
     *                            the end of the message
     */
    public static SaInitScan of(byte[] datagram, IkeHeader header) throws IkeDecodeException {
        boolean sa = false;
        boolean ke = false;
        Bytes nonce = null;
        Bytes cookie = null;
        int next = header.nextPayload().value();
        int at = IkeHeader.LENGTH;
        for (int payloads = 0; next != PayloadType.NONE.value(); payloads++) {
            if (payloads == IkePayloadFactory.MAX_PAYLOADS) {
                throw IkeDecodeException.invalidSyntax("more than " + IkePayloadFactory.MAX_PAYLOADS + " payloads");
            }
            if (datagram.length - at < PAYLOAD_HEADER) {
                throw IkeDecodeException.invalidSyntax("payload header past the end of the message at octet " + at);
            }
            int length = (datagram[at + 2] & 0xFF) << 8 | datagram[at + 3] & 0xFF;
            if (length < PAYLOAD_HEADER || length > datagram.length - at) {
                throw IkeDecodeException.invalidSyntax("payload length " + length + " at octet " + at);
            }
            int body = at + PAYLOAD_HEADER;
            int bodyLength = length - PAYLOAD_HEADER;
            if (next == SA) {
                sa = true;
            } else if (next == KE) {
                ke = true;
            } else if (next == NONCE && nonce == null && bodyLength >= NoncePayload.MIN_NONCE_LENGTH
                    && bodyLength <= NoncePayload.MAX_NONCE_LENGTH) {
                nonce = Bytes.of(datagram, body, bodyLength);
            } else if (next == NOTIFY && cookie == null && bodyLength >= NOTIFY_FIXED) {
                int spiSize = datagram[body + 1] & 0xFF;
                int type = (datagram[body + 2] & 0xFF) << 8 | datagram[body + 3] & 0xFF;
                if (type == COOKIE && bodyLength >= NOTIFY_FIXED + spiSize) {
                    cookie = Bytes.of(datagram, body + NOTIFY_FIXED + spiSize, bodyLength - NOTIFY_FIXED - spiSize);
                }
            }
            next = datagram[at] & 0xFF;
            at += length;
        }
        if (at != datagram.length) {
            throw IkeDecodeException.invalidSyntax((datagram.length - at) + " octets after the last payload");
        }
        return new SaInitScan(sa, ke, Optional.ofNullable(nonce), Optional.ofNullable(cookie));
    }
}
