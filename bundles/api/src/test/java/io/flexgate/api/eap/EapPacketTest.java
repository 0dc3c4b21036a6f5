package io.flexgate.api.eap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EapPacketTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void identityRequestRoundTrip() {
        // RFC 3748 section 5.1: Request/Identity with no data is 5 octets.
        byte[] wire = HEX.parseHex("0101000501");
        EapPacket p = EapPacket.decode(wire).orElseThrow();
        assertThat(p.code()).isEqualTo(EapCode.REQUEST);
        assertThat(p.type()).isEqualTo(EapType.IDENTITY);
        assertThat(p.encode()).isEqualTo(wire);
    }

    @Test
    void expandedTypeRoundTrip() {
        // AnyConnect-EAP: type 254, vendor 9, vendor type 0x44425250.
        byte[] wire = HEX.parseHex("0102000efe00000944425250abcd");
        EapPacket p = EapPacket.decode(wire).orElseThrow();
        assertThat(p.type()).isEqualTo(EapType.ANYCONNECT);
        assertThat(p.typeData()).isEqualTo(HEX.parseHex("abcd"));
        assertThat(p.encode()).isEqualTo(wire);
        assertThat(p.type().toString()).isEqualTo("254/9/0x44425250");
    }

    @Test
    void malformedPacketsAreDropped() {
        assertThat(EapPacket.decode(HEX.parseHex("010100"))).isEmpty();          // too short
        assertThat(EapPacket.decode(HEX.parseHex("0101000601"))).isEmpty();      // length beyond data
        assertThat(EapPacket.decode(HEX.parseHex("010100050100"))).isEmpty();    // trailing byte
        assertThat(EapPacket.decode(HEX.parseHex("0901000401"))).isEmpty();      // unknown code
        assertThat(EapPacket.decode(HEX.parseHex("03010005ff"))).isEmpty();      // success with data
        assertThat(EapPacket.decode(HEX.parseHex("0101000bfe000009444252"))).isEmpty(); // short expanded
        assertThat(EapPacket.decode(HEX.parseHex("03070004")).orElseThrow()).isEqualTo(EapPacket.success(7));
    }

    @Test
    void toStringShowsNoData() {
        EapPacket p = EapPacket.response(3, EapType.GTC, "secret-password".getBytes());
        assertThat(p.toString()).doesNotContain("secret").contains("len=15");
    }
}
