package io.flexgate.eap.anyconnect.message;

import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapType;
import java.util.Arrays;
import java.util.List;

/**
 * An EAP packet of type {@link EapType#ANYCONNECT} carrying one {@code config-auth} document in its XML
 * TLV (anchors.md section 2.3): the one place where packets, TLVs and documents meet.
 */
public final class AnyConnectEapFraming {

    private AnyConnectEapFraming() {
    }

    /** A request ({@code fromHeadend}) or response carrying {@code message}. */
    public static EapPacket packet(EapCode code, int identifier, ConfigAuth message) {
        byte[] xml = ConfigAuthCodec.encode(message);
        try {
            return new EapPacket(code, identifier, EapType.ANYCONNECT,
                    AnyConnectTlvCodec.encode(List.of(new AnyConnectTlv(AnyConnectTlv.XML, xml))));
        } finally {
            // an auth-reply's document holds the password
            Arrays.fill(xml, (byte) 0);
        }
    }

    /**
     * The document in {@code packet}.
     *
     * @param expected the code the packet must have
     * @throws MalformedMessageException when the packet has another code or type, or its TLVs or XML
     *                                   are broken
     */
    public static ConfigAuth read(EapPacket packet, EapCode expected) throws MalformedMessageException {
        if (packet.code() != expected) {
            throw new MalformedMessageException("expected an EAP " + expected + ", got " + packet);
        }
        if (!EapType.ANYCONNECT.equals(packet.type())) {
            throw new MalformedMessageException("expected EAP type " + EapType.ANYCONNECT + " (AnyConnect), got "
                    + (EapType.NAK.equals(packet.type()) ? "a Nak" : "type " + packet.type()));
        }
        byte[] typeData = packet.typeData();
        byte[] xml = null;
        try {
            xml = AnyConnectTlvCodec.xml(AnyConnectTlvCodec.decode(typeData));
            return ConfigAuthCodec.decode(xml);
        } finally {
            Arrays.fill(typeData, (byte) 0);
            if (xml != null) {
                Arrays.fill(xml, (byte) 0);
            }
        }
    }
}
