package io.flexgate.ikev2.message;

import java.util.List;

/**
 * Delete payload (RFC 7296 section 3.11). For the IKE SA the SPI size is 0 and there are no SPIs; for
 * ESP and AH every SPI has 4 octets.
 *
 * @param protocol the protocol of the SAs deleted
 * @param spiSize  the size of each SPI
 * @param spis     the SPIs
 */
public record DeletePayload(ProtocolId protocol, int spiSize, List<Bytes> spis) implements IkePayload {

    public DeletePayload {
        spis = List.copyOf(spis);
        if (spiSize < 0 || spiSize > 0xFF || spis.size() > 0xFFFF) {
            throw new IllegalArgumentException("SPI size or count out of range");
        }
        for (Bytes spi : spis) {
            if (spi.length() != spiSize) {
                throw new IllegalArgumentException("SPI of " + spi.length() + " octets, size says " + spiSize);
            }
        }
    }

    /** Deletes the IKE SA the message belongs to. */
    public static DeletePayload ikeSa() {
        return new DeletePayload(ProtocolId.IKE, 0, List.of());
    }

    static DeletePayload decode(PayloadReader in) throws IkeDecodeException {
        ProtocolId protocol = ProtocolId.valueOf(in.u8("delete protocol"));
        int spiSize = in.u8("delete SPI size");
        int count = in.u16("delete SPI count");
        if ((long) spiSize * count != in.remaining()) {
            throw IkeDecodeException.invalidSyntax(count + " SPIs of " + spiSize + " octets in " + in.remaining());
        }
        if (spiSize == 0 && count != 0) {
            throw IkeDecodeException.invalidSyntax("delete with " + count + " empty SPIs");
        }
        Bytes[] spis = new Bytes[count];
        for (int i = 0; i < count; i++) {
            spis[i] = in.bytes(spiSize, "delete SPI");
        }
        return new DeletePayload(protocol, spiSize, List.of(spis));
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u8(protocol.value()).u8(spiSize).u16(spis.size());
        spis.forEach(out::bytes);
    }

    @Override
    public PayloadType type() {
        return PayloadType.DELETE;
    }
}
