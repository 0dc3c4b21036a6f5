package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ConfigAttributeType;
import io.flexgate.ikev2.message.ConfigPayload;
import io.flexgate.ikev2.message.ConfigType;
import io.flexgate.ikev2.message.EapPayload;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IdPayload;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.transport.Datagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code debug crypto ikev2 packet} line: IOS's fields on one line, and nothing secret. */
class PacketTraceTest {

    private static final long SPI_I = 0x0A1B2C3D4E5F6071L;
    private static final long SPI_R = 0x8192A3B4C5D6E7F8L;
    private static final String LOG_ID = "(SESSION ID = 7,SA ID = 7)";
    /** Distinctive octets that must never reach the line, whatever payload carries them. */
    private static final byte[] NONCE = HexFormat.of().parseHex("c0ffee00c0ffee01c0ffee02c0ffee03");
    private static final byte[] AUTH = HexFormat.of().parseHex("deadbeefdeadbeefdeadbeefdeadbeef");
    /** An EAP-GTC response (RFC 3748 section 5.6) whose type data is the user's password. */
    private static final byte[] EAP_GTC_RESPONSE = eap(2, 9, 6, "hunter2-secret");

    private static byte[] eap(int code, int id, int type, String data) {
        byte[] d = data.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[5 + d.length];
        out[0] = (byte) code;
        out[1] = (byte) id;
        out[3] = (byte) out.length;
        out[4] = (byte) type;
        System.arraycopy(d, 0, out, 5, d.length);
        return out;
    }

    private static Datagram datagram(int length, int localPort, int remotePort) throws Exception {
        return new Datagram(new byte[length], new InetSocketAddress(InetAddress.getByName("198.18.0.1"), localPort),
                new InetSocketAddress(InetAddress.getByName("198.18.0.2"), remotePort));
    }

    @Test
    void aReceivedIkeAuthRequestShowsIosFieldsAndThePayloadsAfterDecryption() throws Exception {
        IkeMessage request = new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 1), true,
                List.of(new IdPayload(true, IdType.ID_KEY_ID, Bytes.of("test".getBytes(StandardCharsets.US_ASCII))),
                        new ConfigPayload(ConfigType.CFG_REQUEST, List.of(
                                ConfigPayload.ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_ADDRESS),
                                ConfigPayload.ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_DNS)))));

        String line = PacketTrace.line(LOG_ID, false, request, List.of(datagram(412, 4500, 50899)));

        assertThat(line).isEqualTo("IKEv2:(SESSION ID = 7,SA ID = 7):Received Packet [From 198.18.0.2:50899/To "
                + "198.18.0.1:4500] Initiator SPI : 0A1B2C3D4E5F6071 - Responder SPI : 8192A3B4C5D6E7F8 Message id: 1 "
                + "IKEv2 IKE_AUTH Exchange REQUEST, flags I, Payload contents: IDi CPRQ(ADDR DNS), 412 bytes");
    }

    @Test
    void aSentResponseInFragmentsCountsAllOfThem() throws Exception {
        IkeMessage response = new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, false, true, 1), true,
                List.of(new AuthPayload(AuthMethod.RSA_DIGITAL_SIGNATURE, Bytes.of(AUTH)),
                        new EapPayload(Bytes.of(eap(1, 1, 1, "")))));

        String line = PacketTrace.line(LOG_ID, true, response, List.of(datagram(1280, 4500, 4500),
                datagram(300, 4500, 4500)));

        assertThat(line).startsWith("IKEv2:(SESSION ID = 7,SA ID = 7):Sending Packet [To 198.18.0.2:4500/From "
                + "198.18.0.1:4500] ")
                .contains("Message id: 1 IKEv2 IKE_AUTH Exchange RESPONSE, flags R, Payload contents: AUTH EAP/REQ/ID,")
                .endsWith(", 1580 bytes in 2 fragments");
    }

    @Test
    void beforeAnIkeSaExistsTheLineHasNoSessionAndNoncesShowOnlyTheirLength() throws Exception {
        IkeMessage init = new IkeMessage(IkeHeader.of(SPI_I, 0, ExchangeType.IKE_SA_INIT, true, false, 0), false,
                List.of(new KePayload(DhGroup.MODP_1024, Bytes.of(AUTH)), new NoncePayload(Bytes.of(NONCE)),
                        NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, Bytes.of(AUTH))));

        String line = PacketTrace.line(null, false, init, List.of(datagram(336, 500, 500)));

        assertThat(line).startsWith("IKEv2:Received Packet [From 198.18.0.2:500/To 198.18.0.1:500] ")
                .contains("Responder SPI : 0000000000000000 Message id: 0 IKEv2 IKE_SA_INIT Exchange REQUEST, flags I,"
                        + " Payload contents: KE No(16) N(NATD_S_IP), 336 bytes");
    }

    @Test
    void noKeyMaterialNonceOrEapContentEverReachesTheLine() throws Exception {
        IkeMessage message = new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.IKE_AUTH, true, false, 3), true,
                List.of(new EapPayload(Bytes.of(EAP_GTC_RESPONSE)), new NoncePayload(Bytes.of(NONCE)),
                        new AuthPayload(AuthMethod.SHARED_KEY_MIC, Bytes.of(AUTH)),
                        NotifyPayload.of(NotifyType.COOKIE, Bytes.of(NONCE))));

        String line = PacketTrace.line(LOG_ID, false, message, List.of(datagram(200, 4500, 4500))).toLowerCase();

        assertThat(line).contains("eap/res/gtc", "no(16)", "auth", "n(cookie)")
                .doesNotContain("hunter2", "c0ffee", "deadbeef", "c0 ff ee", "de ad be ef");
    }

    @Test
    void anUnflaggedRequestAndAnEmptyMessageAreStillOneReadableLine() throws Exception {
        IkeMessage dpd = new IkeMessage(IkeHeader.of(SPI_I, SPI_R, ExchangeType.INFORMATIONAL, false, false, 4), true,
                List.of());

        String line = PacketTrace.line(LOG_ID, true, dpd, List.of(datagram(80, 4500, 4500)));

        assertThat(line).contains("IKEv2 INFORMATIONAL Exchange REQUEST, flags -, Payload contents: (none), 80 bytes")
                .doesNotContain("\n");
    }
}
