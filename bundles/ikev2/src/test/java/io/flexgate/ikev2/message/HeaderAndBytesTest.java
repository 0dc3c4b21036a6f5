package io.flexgate.ikev2.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IKE header layout (RFC 7296 section 3.1) and the copy semantics of {@link Bytes}. */
class HeaderAndBytesTest {

    /** RFC 7296 section 3.1: flags octet bit 3 = I, bit 4 = V, bit 5 = R; version octet 0x20. */
    @Test
    void headerFieldsAndFlagsRoundTrip() throws Exception {
        IkeHeader h = new IkeHeader(0x0102030405060708L, 0x1112131415161718L, PayloadType.NONE, 2, 0,
                ExchangeType.INFORMATIONAL, false, true, true, 0xFFFFFFFFL, 0);
        byte[] wire = IkeMessageCodec.encode(new IkeMessage(h, false, List.of(NotifyPayload.of(NotifyType.INVALID_IKE_SPI))), null);

        assertThat(HexFormat.of().formatHex(wire, 0, IkeHeader.LENGTH))
                .isEqualTo("0102030405060708" + "1112131415161718" + "29" + "20" + "25" + "30" + "ffffffff" + "00000024");
        IkeHeader back = IkeMessageCodec.decodeHeader(wire);
        assertThat(back).isEqualTo(h.withPayloadAndLength(PayloadType.NOTIFY, wire.length));
        assertThat(back.summaryPrefix()).isEqualTo("INFORMATIONAL response 4294967295");
    }

    @Test
    void minorVersionIsKeptAndAHigherMinorIsAccepted() throws Exception {
        byte[] wire = IkeMessageCodec.encode(TestMessages.saInitRequest(), null);
        wire[17] = 0x21;

        assertThat(IkeMessageCodec.decodeHeader(wire).minorVersion()).isEqualTo(1);
        assertThat(IkeMessageCodec.decode(wire)).isInstanceOf(DecodeResult.Ok.class);
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] source = {1, 2, 3};
        Bytes b = Bytes.of(source);
        source[0] = 9;
        byte[] out = b.toByteArray();
        out[1] = 9;

        assertThat(b.toHex()).isEqualTo("010203");
        assertThat(b).isEqualTo(Bytes.ofHex("010203")).isNotEqualTo(Bytes.ofHex("0102"));
        assertThat(b).hasToString("Bytes[3]");
    }
}
