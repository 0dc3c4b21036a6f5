package io.flexgate.eap.anyconnect.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AnyConnect-EAP framing (anchors.md section 2.3): {@code code id length | FE | 00 00 09 | 44 42 52 50 |
 * TLVs}, each TLV {@code type(2) length(2) value} big-endian. Corruption tests start from the good packet.
 */
class AnyConnectTlvCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    /** An ack response, identifier 9: the header of anchors.md 2.3, then the XML TLV. */
    private static final EapPacket ACK = AnyConnectEapFraming.packet(EapCode.RESPONSE, 9, new ConfigAuth.Ack());

    @Test
    void headerIsTheExpandedTypeOfCiscoAndTheXmlTlvFollows() {
        byte[] wire = ACK.encode();
        byte[] xml = ConfigAuthCodec.encode(new ConfigAuth.Ack());

        assertThat(HEX.formatHex(wire, 0, 12)).isEqualTo("0209" + String.format("%04x", wire.length) + "fe00000944425250");
        assertThat(HEX.formatHex(wire, 12, 16)).isEqualTo("0000" + String.format("%04x", xml.length));
        assertThat(Arrays.copyOfRange(wire, 16, wire.length)).isEqualTo(xml);
    }

    @Test
    void decodeThenEncodeGivesTheSameBytes() throws Exception {
        byte[] typeData = HEX.parseHex("0000000341424300030000" + "0001000201ff");

        List<AnyConnectTlv> tlvs = AnyConnectTlvCodec.decode(typeData);

        assertThat(tlvs).containsExactly(new AnyConnectTlv(0, new byte[] {'A', 'B', 'C'}),
                new AnyConnectTlv(3, new byte[0]), new AnyConnectTlv(1, new byte[] {1, (byte) 0xff}));
        assertThat(AnyConnectTlvCodec.encode(tlvs)).isEqualTo(typeData);
        assertThat(AnyConnectTlvCodec.xml(tlvs)).containsExactly('A', 'B', 'C');
    }

    @Test
    void truncatedTlvHeaderIsRejected() {
        byte[] good = ACK.typeData();
        for (int extra = 1; extra < AnyConnectTlvCodec.TLV_HEADER_LENGTH; extra++) {
            byte[] bad = Arrays.copyOf(good, good.length + extra);
            assertThatThrownBy(() -> AnyConnectTlvCodec.decode(bad)).isInstanceOf(MalformedMessageException.class)
                    .hasMessageContaining("trailing bytes after the last TLV");
        }
    }

    @Test
    void lengthRunningPastTheEndIsRejected() {
        byte[] bad = ACK.typeData();
        bad[3]++;

        assertThatThrownBy(() -> AnyConnectTlvCodec.decode(bad)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("TLV 0 at offset 0 claims");
    }

    @Test
    void truncatedValueIsRejected() {
        byte[] good = ACK.typeData();
        byte[] bad = Arrays.copyOf(good, good.length - 1);

        assertThatThrownBy(() -> AnyConnectTlvCodec.decode(bad)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("only " + (good.length - 5) + " follow");
    }

    @Test
    void emptyDataTooManyTlvsAndMissingOrDuplicateXmlAreRejected() throws Exception {
        assertThatThrownBy(() -> AnyConnectTlvCodec.decode(new byte[0])).hasMessage("no TLV in the AnyConnect-EAP data");
        byte[] nine = new byte[4 * (AnyConnectTlvCodec.MAX_TLVS + 1)];
        assertThatThrownBy(() -> AnyConnectTlvCodec.decode(nine)).hasMessage("more than 8 TLVs");
        List<AnyConnectTlv> signatureOnly = AnyConnectTlvCodec.decode(HEX.parseHex("00010000"));
        assertThatThrownBy(() -> AnyConnectTlvCodec.xml(signatureOnly)).hasMessage("no XML TLV");
        List<AnyConnectTlv> twice = AnyConnectTlvCodec.decode(HEX.parseHex("0000000000000000"));
        assertThatThrownBy(() -> AnyConnectTlvCodec.xml(twice)).hasMessage("2 XML TLVs");
    }

    @Test
    void corruptedXmlInsideGoodFramingIsRejectedByTheDocumentParser() {
        byte[] data = ACK.typeData();
        data[data.length - 2] = '!';
        EapPacket bad = EapPacket.response(9, ACK.type(), data);

        assertThatThrownBy(() -> AnyConnectEapFraming.read(bad, EapCode.RESPONSE))
                .isInstanceOf(MalformedMessageException.class).hasMessageStartingWith("config-auth XML rejected: line 1");
    }

    @Test
    void aRequestWhereAResponseIsExpectedIsRejected() {
        EapPacket request = AnyConnectEapFraming.packet(EapCode.REQUEST, 9, new ConfigAuth.Ack());

        assertThatThrownBy(() -> AnyConnectEapFraming.read(request, EapCode.RESPONSE))
                .hasMessageStartingWith("expected an EAP RESPONSE");
    }
}
