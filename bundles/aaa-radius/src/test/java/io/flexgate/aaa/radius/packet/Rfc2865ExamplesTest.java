package io.flexgate.aaa.radius.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The packets of RFC 2865 section 7.1 ("User Telnet to Specified Host"), secret {@code xyzzy5461}. */
class Rfc2865ExamplesTest {

    static final byte[] SECRET = "xyzzy5461".getBytes(StandardCharsets.US_ASCII);
    /** RFC 2865 section 7.1, the Access-Request from the NAS at 192.168.1.16 port 3. */
    static final byte[] REQUEST = hex("01 00 00 38 0f 40 3f 94 73 97 80 57 bd 83 d5 cb 98 f4 22 7a 01 06 6e 65 6d 6f"
            + " 02 12 0d be 70 8d 93 d4 13 ce 31 96 e4 3f 78 2a 0a ee 04 06 c0 a8 01 10 05 06 00 00 00 03");
    /** RFC 2865 section 7.1, the Access-Accept (Service-Type Login, Login-Service Telnet, Login-IP-Host). */
    static final byte[] ACCEPT = hex("02 00 00 26 86 fe 22 0e 76 24 ba 2a 10 05 f6 bf 9b 55 e0 b2 06 06 00 00 00 01"
            + " 0f 06 00 00 00 00 0e 06 c0 a8 01 03");

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void decodesTheRequestOfSection71() throws Exception {
        RadiusPacket request = RadiusPacket.decode(REQUEST);

        assertThat(request.code()).isEqualTo(RadiusCode.ACCESS_REQUEST);
        assertThat(request.identifier()).isZero();
        assertThat(request.attributes()).extracting(RadiusAttribute::type).containsExactly(1, 2, 4, 5);
        assertThat(request.text(RadiusAttributeType.USER_NAME)).contains("nemo");
        assertThat(request.attribute(RadiusAttributeType.NAS_IP_ADDRESS).orElseThrow().asAddress().getHostAddress())
                .isEqualTo("192.168.1.16");
        assertThat(request.attribute(RadiusAttributeType.NAS_PORT).orElseThrow().asInteger()).isEqualTo(3);
        assertThat(request.encode()).isEqualTo(REQUEST);
    }

    @Test
    void hidesAndRecoversTheUserPasswordOfSection71() throws Exception {
        RadiusPacket request = RadiusPacket.decode(REQUEST);
        byte[] hidden = request.attribute(RadiusAttributeType.USER_PASSWORD).orElseThrow().value();

        assertThat(new String(RadiusSecurity.recoverPassword(hidden, SECRET, request.authenticator()),
                StandardCharsets.US_ASCII)).isEqualTo("arctangent");
        assertThat(RadiusSecurity.hidePassword("arctangent".getBytes(StandardCharsets.US_ASCII), SECRET,
                request.authenticator())).isEqualTo(hidden);
    }

    @Test
    void longPasswordsChainTheBlocks() throws Exception {
        byte[] password = "a-password-of-more-than-thirty-two-octets".getBytes(StandardCharsets.US_ASCII);
        byte[] auth = RadiusPacket.decode(REQUEST).authenticator();
        byte[] hidden = RadiusSecurity.hidePassword(password, SECRET, auth);

        assertThat(hidden).hasSize(48);
        // RFC 2865 section 5.2: block 2 depends on cipher block 1, not on the authenticator again
        assertThat(Arrays.copyOfRange(hidden, 16, 32)).isNotEqualTo(Arrays.copyOfRange(
                RadiusSecurity.hidePassword(Arrays.copyOfRange(password, 16, 32), SECRET, auth), 0, 16));
        assertThat(RadiusSecurity.recoverPassword(hidden, SECRET, auth)).isEqualTo(password);
        assertThatThrownBy(() -> RadiusSecurity.hidePassword(new byte[129], SECRET, auth))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RadiusSecurity.recoverPassword(Arrays.copyOf(hidden, 47), SECRET, auth))
                .isInstanceOf(RadiusFormatException.class);
    }

    @Test
    void verifiesTheResponseAuthenticatorOfSection71() throws Exception {
        RadiusPacket request = RadiusPacket.decode(REQUEST);
        RadiusPacket accept = RadiusPacket.decode(ACCEPT);

        RadiusSecurity.verifyResponse(accept, request.authenticator(), SECRET, false);
        assertThat(accept.encode()).isEqualTo(ACCEPT);
        assertThatThrownBy(() -> RadiusSecurity.verifyResponse(accept, request.authenticator(),
                "xyzzy5462".getBytes(StandardCharsets.US_ASCII), false))
                .isInstanceOf(RadiusFormatException.class).hasMessageContaining("Response Authenticator");
    }

    @Test
    void anAcceptWithoutMessageAuthenticatorIsRefusedWhenRequired() throws Exception {
        RadiusPacket request = RadiusPacket.decode(REQUEST);
        // the 1999 example predates RFC 3579; CVE-2024-3596 makes it unacceptable today
        assertThatThrownBy(() -> RadiusSecurity.verifyResponse(RadiusPacket.decode(ACCEPT), request.authenticator(),
                SECRET, true)).isInstanceOf(RadiusFormatException.class).hasMessageContaining("CVE-2024-3596");
    }

    @Test
    void everySingleBitFlipOfTheAcceptIsDetected() {
        byte[] auth = Arrays.copyOfRange(REQUEST, 4, 20);
        for (int i = 0; i < ACCEPT.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = ACCEPT.clone();
                bad[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> RadiusSecurity.verifyResponse(RadiusPacket.decode(bad), auth, SECRET, false))
                        .as("byte %d bit %d", i, bit).isInstanceOf(RadiusFormatException.class);
            }
        }
    }
}
