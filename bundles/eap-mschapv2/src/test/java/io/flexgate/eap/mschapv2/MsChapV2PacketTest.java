package io.flexgate.eap.mschapv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** EAP-MSCHAPv2 framing (draft-kamath-pppext-eap-mschapv2 section 2), checked against strongSwan's packets. */
class MsChapV2PacketTest {

    private static byte[] typeData(byte[] eap) {
        return EapPacket.decode(eap).orElseThrow().typeData();
    }

    private static MsChapV2Packet decode(EapCode code, byte[] data) {
        return MsChapV2Packet.decode(code, data).orElseThrow();
    }

    @Test
    void challengeFromStrongSwanDecodesAndEncodesBack() {
        byte[] data = typeData(StrongSwanCapture.CHALLENGE_EAP);
        MsChapV2Packet.Challenge challenge = (MsChapV2Packet.Challenge) decode(EapCode.REQUEST, data);
        assertThat(challenge.msChapV2Id()).isEqualTo(129);
        assertThat(challenge.challenge()).isEqualTo(StrongSwanCapture.AUTH_CHALLENGE);
        assertThat(challenge.name()).isEqualTo("strongSwan");
        assertThat(challenge.encode()).isEqualTo(data);
    }

    @Test
    void responseFromStrongSwanDecodesAndEncodesBack() {
        byte[] data = typeData(StrongSwanCapture.RESPONSE_EAP);
        MsChapV2Packet.Response response = (MsChapV2Packet.Response) decode(EapCode.RESPONSE, data);
        assertThat(response.msChapV2Id()).isEqualTo(129);
        assertThat(response.peerChallenge()).isEqualTo(StrongSwanCapture.PEER_CHALLENGE);
        assertThat(HexFormat.of().formatHex(response.ntResponse()))
                .isEqualTo("02163cddcf0fde4072de1955d40f43cb95362a158af69abc");
        assertThat(response.name()).isEqualTo("alice");
        assertThat(response.encode()).isEqualTo(data);
    }

    @Test
    void successRequestFromStrongSwanDecodesAndEncodesBack() {
        byte[] data = typeData(StrongSwanCapture.SUCCESS_EAP);
        MsChapV2Packet.SuccessRequest success = (MsChapV2Packet.SuccessRequest) decode(EapCode.REQUEST, data);
        assertThat(success.msChapV2Id()).isEqualTo(129);
        assertThat(success.message()).startsWith(StrongSwanCapture.AUTHENTICATOR_RESPONSE + " M=Welcome2strongSwan");
        assertThat(success.encode()).isEqualTo(data);
    }

    @Test
    void peerSuccessAndFailureResponsesAreTheOpCodeAlone() {
        byte[] ack = typeData(StrongSwanCapture.SUCCESS_ACK_EAP);
        assertThat(decode(EapCode.RESPONSE, ack)).isEqualTo(new MsChapV2Packet.SuccessResponse());
        assertThat(new MsChapV2Packet.SuccessResponse().encode()).isEqualTo(ack);
        assertThat(decode(EapCode.RESPONSE, new byte[] {4})).isEqualTo(new MsChapV2Packet.FailureResponse());
        assertThat(new MsChapV2Packet.FailureResponse().encode()).containsExactly(4);
    }

    @Test
    void failureRequestRoundTrips() {
        MsChapV2Packet.FailureRequest failure = new MsChapV2Packet.FailureRequest(7,
                "E=691 R=0 C=000102030405060708090A0B0C0D0E0F V=3 M=Authentication failed");
        byte[] data = failure.encode();
        assertThat(data[0]).isEqualTo((byte) 4);
        assertThat(((data[2] & 0xFF) << 8) | (data[3] & 0xFF)).isEqualTo(data.length);
        assertThat(decode(EapCode.REQUEST, data)).isEqualTo(failure);
    }

    @Test
    void changePasswordIsRecognised() {
        byte[] data = new byte[4 + 582];
        data[0] = 7;
        data[1] = 5;
        data[2] = (byte) (data.length >> 8);
        data[3] = (byte) data.length;
        MsChapV2Packet.ChangePassword change = (MsChapV2Packet.ChangePassword) decode(EapCode.RESPONSE, data);
        assertThat(change.msChapV2Id()).isEqualTo(5);
        assertThat(change.encode()).isEqualTo(data);
    }

    @Test
    void msLengthMustMatchTheData() {
        byte[] data = typeData(StrongSwanCapture.RESPONSE_EAP);
        data[3]++;
        assertThat(MsChapV2Packet.decode(EapCode.RESPONSE, data)).isEmpty();
    }

    @Test
    void responseValueSizeMustBe49() {
        byte[] data = typeData(StrongSwanCapture.RESPONSE_EAP);
        data[4] = 48;
        assertThat(MsChapV2Packet.decode(EapCode.RESPONSE, data)).isEmpty();
    }

    @Test
    void challengeValueSizeMustBe16() {
        byte[] data = typeData(StrongSwanCapture.CHALLENGE_EAP);
        data[4] = 8;
        assertThat(MsChapV2Packet.decode(EapCode.REQUEST, data)).isEmpty();
    }

    @Test
    void truncatedPacketsAreRejected() {
        byte[] data = typeData(StrongSwanCapture.RESPONSE_EAP);
        for (int length = 0; length < 4 + 1 + 49; length++) {
            byte[] cut = java.util.Arrays.copyOf(data, length);
            if (length >= 4) {
                cut[2] = 0;
                cut[3] = (byte) length;
            }
            assertThat(MsChapV2Packet.decode(EapCode.RESPONSE, cut)).as("length %d", length).isEmpty();
        }
    }

    @Test
    void overlongNameIsRejected() {
        byte[] name = new byte[MsChapV2Packet.MAX_NAME_OCTETS + 1];
        java.util.Arrays.fill(name, (byte) 'a');
        byte[] data = new MsChapV2Packet.Response(1, new byte[16], new byte[24], new String(name,
                java.nio.charset.StandardCharsets.US_ASCII)).encode();
        assertThat(MsChapV2Packet.decode(EapCode.RESPONSE, data)).isEmpty();
    }

    @Test
    void opCodesOutOfPlaceAreRejected() {
        byte[] challenge = typeData(StrongSwanCapture.CHALLENGE_EAP);
        assertThat(MsChapV2Packet.decode(EapCode.RESPONSE, challenge)).as("Challenge from a peer").isEmpty();
        byte[] response = typeData(StrongSwanCapture.RESPONSE_EAP);
        assertThat(MsChapV2Packet.decode(EapCode.REQUEST, response)).as("Response from a server").isEmpty();
        assertThat(MsChapV2Packet.decode(EapCode.REQUEST, new byte[] {9, 1, 0, 4})).isEmpty();
        assertThat(MsChapV2Packet.decode(EapCode.RESPONSE, new byte[0])).isEmpty();
    }

    @Test
    void fieldLengthsAreEnforcedWhenBuilding() {
        assertThatThrownBy(() -> new MsChapV2Packet.Challenge(1, new byte[8], "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MsChapV2Packet.Response(256, new byte[16], new byte[24], "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoChallengeResponseOrAuthenticator() {
        String text = decode(EapCode.REQUEST, typeData(StrongSwanCapture.CHALLENGE_EAP)) + " "
                + decode(EapCode.RESPONSE, typeData(StrongSwanCapture.RESPONSE_EAP)) + " "
                + decode(EapCode.REQUEST, typeData(StrongSwanCapture.SUCCESS_EAP));
        assertThat(text).doesNotContainIgnoringCase("e074818a").doesNotContainIgnoringCase("02163cdd")
                .doesNotContainIgnoringCase("350eb551").doesNotContainIgnoringCase("5777DAC8").contains("alice");
    }
}
