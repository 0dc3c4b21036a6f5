package io.flexgate.ikev2.message;

/**
 * Notify payload (RFC 7296 section 3.10).
 *
 * @param protocol   the protocol of the SA the notification is about, {@link ProtocolId#NONE} if none
 * @param spi        the SPI of that SA (empty for IKE SA notifications)
 * @param notifyType the notify message type
 * @param data       the notification data
 */
public record NotifyPayload(ProtocolId protocol, Bytes spi, NotifyType notifyType, Bytes data)
        implements IkePayload {

    /** SPI Size is one octet; longer SPIs cannot be sent. */
    public static final int MAX_SPI_LENGTH = 0xFF;

    public NotifyPayload {
        if (spi.length() > MAX_SPI_LENGTH) {
            throw new IllegalArgumentException("SPI of " + spi.length() + " octets");
        }
    }

    /** A notification about the IKE SA or the message itself: no protocol, no SPI. */
    public static NotifyPayload of(NotifyType type, Bytes data) {
        return new NotifyPayload(ProtocolId.NONE, Bytes.EMPTY, type, data);
    }

    public static NotifyPayload of(NotifyType type) {
        return of(type, Bytes.EMPTY);
    }

    static NotifyPayload decode(PayloadReader in) throws IkeDecodeException {
        ProtocolId protocol = ProtocolId.valueOf(in.u8("notify protocol"));
        int spiSize = in.u8("notify SPI size");
        NotifyType type = NotifyType.valueOf(in.u16("notify type"));
        Bytes spi = in.bytes(spiSize, "notify SPI");
        return new NotifyPayload(protocol, spi, type, in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(protocol.value()).u8(spi.length()).u16(notifyType.value()).bytes(spi).bytes(data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.NOTIFY;
    }

    @Override
    public String summary() {
        return "N(" + notifyType.shortName() + ")";
    }
}
