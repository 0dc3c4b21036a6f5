package io.flexgate.ikev2.message;

/**
 * The IKE header (RFC 7296 section 3.1). {@code nextPayload} and {@code length} are what was received;
 * the encoder computes both from the payloads, so a header built for sending can leave them zero.
 *
 * @param initiatorSpi  IKE SA Initiator's SPI
 * @param responderSpi  IKE SA Responder's SPI, 0 in the first IKE_SA_INIT request
 * @param nextPayload   type of the first payload
 * @param majorVersion  2 for IKEv2
 * @param minorVersion  0
 * @param exchangeType  the exchange
 * @param initiator     I flag: sent by the original initiator of the IKE SA
 * @param version       V flag: the sender can speak a higher major version
 * @param response      R flag: this message is a response
 * @param messageId     the message ID, 0..2^32-1
 * @param length        the length of the whole message in octets
 */
public record IkeHeader(long initiatorSpi, long responderSpi, PayloadType nextPayload, int majorVersion,
        int minorVersion, ExchangeType exchangeType, boolean initiator, boolean version, boolean response,
        long messageId, long length) {

    /** Octets of the IKE header. */
    public static final int LENGTH = 28;
    /** The major version we speak. */
    public static final int MAJOR_VERSION = 2;

    private static final int FLAG_INITIATOR = 0x08;
    private static final int FLAG_VERSION = 0x10;
    private static final int FLAG_RESPONSE = 0x20;
    private static final int MAX_U32 = -1;

    public IkeHeader {
        if (majorVersion < 0 || majorVersion > 15 || minorVersion < 0 || minorVersion > 15) {
            throw new IllegalArgumentException("version " + majorVersion + "." + minorVersion);
        }
        if (messageId < 0 || messageId > Integer.toUnsignedLong(MAX_U32) || length < 0
                || length > Integer.toUnsignedLong(MAX_U32)) {
            throw new IllegalArgumentException("message ID or length out of 32 bits");
        }
    }

    /** A header to send: IKEv2.0, no V flag; next payload and length are filled in by the encoder. */
    public static IkeHeader of(long initiatorSpi, long responderSpi, ExchangeType exchangeType, boolean initiator,
            boolean response, long messageId) {
        return new IkeHeader(initiatorSpi, responderSpi, PayloadType.NONE, MAJOR_VERSION, 0, exchangeType,
                initiator, false, response, messageId, 0);
    }

    /** Reads the header; version and length are checked by the message codec, which needs the header to answer. */
    static IkeHeader decode(PayloadReader in) throws IkeDecodeException {
        long spiI = in.u64("initiator SPI");
        long spiR = in.u64("responder SPI");
        PayloadType next = PayloadType.valueOf(in.u8("next payload"));
        int version = in.u8("version");
        ExchangeType exchange = ExchangeType.valueOf(in.u8("exchange type"));
        int flags = in.u8("flags");
        long messageId = in.u32("message ID");
        long length = in.u32("length");
        return new IkeHeader(spiI, spiR, next, version >>> 4, version & 0x0F, exchange,
                (flags & FLAG_INITIATOR) != 0, (flags & FLAG_VERSION) != 0, (flags & FLAG_RESPONSE) != 0,
                messageId, length);
    }

    /** Writes the header with the given first payload type and total length. */
    void encode(PayloadWriter out, PayloadType first, int totalLength) {
        int flags = (initiator ? FLAG_INITIATOR : 0) | (version ? FLAG_VERSION : 0) | (response ? FLAG_RESPONSE : 0);
        out.u64(initiatorSpi).u64(responderSpi).u8(first.value()).u8((majorVersion << 4) | minorVersion)
                .u8(exchangeType.value()).u8(flags).u32(messageId).u32(totalLength);
    }

    /** This header with the encoder's values for the first payload and the length. */
    public IkeHeader withPayloadAndLength(PayloadType first, long totalLength) {
        return new IkeHeader(initiatorSpi, responderSpi, first, majorVersion, minorVersion, exchangeType, initiator,
                version, response, messageId, totalLength);
    }

    /** The start of the summary line: {@code IKE_AUTH request 1}. */
    public String summaryPrefix() {
        return exchangeType.name() + (response ? " response " : " request ") + messageId;
    }
}
