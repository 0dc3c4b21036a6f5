package io.flexgate.eap.anyconnect.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TLV sequence carried after the 12-octet expanded-type EAP header of AnyConnect-EAP
 * (vendor 9, vendor type 0x44425250; anchors.md section 2.3). Symmetric: {@link #decode} and
 * {@link #encode} side by side. Every length is checked before it is read.
 */
public final class AnyConnectTlvCodec {

    /** {@code type(2) length(2)}. */
    public static final int TLV_HEADER_LENGTH = 4;
    /** More TLVs than this in one packet is not a conversation we take part in (at most XML, signature, chain). */
    public static final int MAX_TLVS = 8;

    private AnyConnectTlvCodec() {
    }

    /**
     * Splits {@code typeData} into TLVs.
     *
     * @throws MalformedMessageException when a header or value runs past the end, bytes are left over,
     *                                   there are too many TLVs or no TLV at all
     */
    public static List<AnyConnectTlv> decode(byte[] typeData) throws MalformedMessageException {
        List<AnyConnectTlv> tlvs = new ArrayList<>();
        int offset = 0;
        while (offset < typeData.length) {
            if (typeData.length - offset < TLV_HEADER_LENGTH) {
                throw new MalformedMessageException((typeData.length - offset)
                        + " trailing bytes after the last TLV at offset " + offset);
            }
            if (tlvs.size() == MAX_TLVS) {
                throw new MalformedMessageException("more than " + MAX_TLVS + " TLVs");
            }
            int type = ((typeData[offset] & 0xFF) << 8) | (typeData[offset + 1] & 0xFF);
            int length = ((typeData[offset + 2] & 0xFF) << 8) | (typeData[offset + 3] & 0xFF);
            int valueStart = offset + TLV_HEADER_LENGTH;
            if (length > typeData.length - valueStart) {
                throw new MalformedMessageException("TLV " + type + " at offset " + offset + " claims " + length
                        + " bytes but only " + (typeData.length - valueStart) + " follow");
            }
            tlvs.add(new AnyConnectTlv(type, Arrays.copyOfRange(typeData, valueStart, valueStart + length)));
            offset = valueStart + length;
        }
        if (tlvs.isEmpty()) {
            throw new MalformedMessageException("no TLV in the AnyConnect-EAP data");
        }
        return List.copyOf(tlvs);
    }

    /** The wire form of {@code tlvs}. */
    public static byte[] encode(List<AnyConnectTlv> tlvs) {
        if (tlvs.isEmpty() || tlvs.size() > MAX_TLVS) {
            throw new IllegalArgumentException(tlvs.size() + " TLVs; 1.." + MAX_TLVS + " allowed");
        }
        ByteBuffer out = ByteBuffer.allocate(tlvs.stream().mapToInt(AnyConnectTlv::encodedLength).sum());
        for (AnyConnectTlv tlv : tlvs) {
            byte[] value = tlv.value();
            out.putShort((short) tlv.type()).putShort((short) value.length).put(value);
        }
        return out.array();
    }

    /**
     * The one XML TLV's value.
     *
     * @throws MalformedMessageException when there is none or more than one
     */
    public static byte[] xml(List<AnyConnectTlv> tlvs) throws MalformedMessageException {
        List<AnyConnectTlv> xml = tlvs.stream().filter(t -> t.type() == AnyConnectTlv.XML).toList();
        if (xml.size() != 1) {
            throw new MalformedMessageException(xml.isEmpty() ? "no XML TLV" : xml.size() + " XML TLVs");
        }
        return xml.get(0).value();
    }
}
