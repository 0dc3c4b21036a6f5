package io.flexgate.aaa.radius.packet;

import static io.flexgate.aaa.radius.packet.Rfc2865ExamplesTest.REQUEST;
import static io.flexgate.aaa.radius.packet.Rfc2865ExamplesTest.SECRET;
import static io.flexgate.aaa.radius.packet.Rfc2865ExamplesTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoder length rules (RFC 2865 sections 3 and 5), corruption starting from the RFC 2865 section 7.1 request. */
class RadiusPacketTest {

    @Test
    void paddingBeyondTheLengthFieldIsIgnored() throws Exception {
        byte[] padded = Arrays.copyOf(REQUEST, REQUEST.length + 7);
        assertThat(RadiusPacket.decode(padded)).isEqualTo(RadiusPacket.decode(REQUEST));
    }

    @Test
    void aDatagramShorterThanItsLengthIsMalformed() {
        assertThatThrownBy(() -> RadiusPacket.decode(Arrays.copyOf(REQUEST, REQUEST.length - 1)))
                .isInstanceOf(RadiusFormatException.class).hasMessageContaining("exceeds the datagram");
        assertThatThrownBy(() -> RadiusPacket.decode(Arrays.copyOf(REQUEST, 19)))
                .isInstanceOf(RadiusFormatException.class).hasMessageContaining("header");
    }

    @Test
    void lengthOutsideItsRangeIsMalformed() {
        byte[] small = REQUEST.clone();
        small[3] = 19;
        byte[] large = Arrays.copyOf(REQUEST, 4200);
        large[2] = 0x10;
        large[3] = 0x01;
        assertThatThrownBy(() -> RadiusPacket.decode(small)).isInstanceOf(RadiusFormatException.class);
        assertThatThrownBy(() -> RadiusPacket.decode(large)).isInstanceOf(RadiusFormatException.class)
                .hasMessageContaining("4097");
    }

    @Test
    void attributeLengthsAreChecked() {
        byte[] zero = REQUEST.clone();
        zero[21] = 0; // User-Name length 0
        byte[] one = REQUEST.clone();
        one[21] = 1;
        byte[] past = REQUEST.clone();
        past[51] = 7; // NAS-Port runs one octet past the packet
        byte[] typeZero = REQUEST.clone();
        typeZero[20] = 0;
        for (byte[] bad : List.of(zero, one, past, typeZero)) {
            assertThatThrownBy(() -> RadiusPacket.decode(bad)).isInstanceOf(RadiusFormatException.class);
        }
    }

    @Test
    void aTruncatedLengthCutsAnAttributeHeader() {
        byte[] bad = REQUEST.clone();
        bad[3] = (byte) (REQUEST.length - 5); // ends one octet into the last attribute's header
        assertThatThrownBy(() -> RadiusPacket.decode(bad)).isInstanceOf(RadiusFormatException.class);
    }

    @Test
    void everyPrefixOfTheRequestIsRefusedAndNothingThrowsUnchecked() {
        for (int n = 0; n < REQUEST.length; n++) {
            byte[] prefix = Arrays.copyOf(REQUEST, n);
            assertThatThrownBy(() -> RadiusPacket.decode(prefix)).isInstanceOf(RadiusFormatException.class);
        }
    }

    @Test
    void packetsAreImmutable() throws Exception {
        RadiusPacket p = RadiusPacket.decode(REQUEST);
        p.authenticator()[0] ^= 1;
        p.attributes().get(0).value()[0] ^= 1;
        assertThat(p.encode()).isEqualTo(REQUEST);
        byte[] value = {1, 2, 3, 4};
        RadiusAttribute a = new RadiusAttribute(RadiusAttributeType.CLASS, value);
        value[0] = 9;
        assertThat(a.value()[0]).isEqualTo((byte) 1);
        assertThat(p.plus(a)).isNotEqualTo(p);
        assertThat(p.plus(a).without(RadiusAttributeType.CLASS)).isEqualTo(p);
    }

    @Test
    void sizesAreBounded() {
        assertThatThrownBy(() -> new RadiusAttribute(1, new byte[254])).isInstanceOf(IllegalArgumentException.class);
        List<RadiusAttribute> many = java.util.Collections.nCopies(17, new RadiusAttribute(25, new byte[253]));
        assertThatThrownBy(() -> RadiusPacket.of(RadiusCode.ACCESS_REQUEST, 1, many))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
        assertThat(RadiusCode.valueOf(200)).isEqualTo(new RadiusCode(200, "Code-200"));
    }

    @Test
    void typedReadersCheckTheirLength() {
        RadiusAttribute three = new RadiusAttribute(RadiusAttributeType.FRAMED_IP_ADDRESS, new byte[3]);
        assertThatThrownBy(three::asAddress).isInstanceOf(RadiusFormatException.class);
        assertThatThrownBy(three::asInteger).isInstanceOf(RadiusFormatException.class);
    }

    @Test
    void signedRequestsAndResponsesVerifyAndCarryTheMessageAuthenticatorFirst() throws Exception {
        byte[] auth = hex("00112233445566778899aabbccddeeff");
        RadiusPacket request = RadiusSecurity.signRequest(new RadiusPacket(RadiusCode.ACCESS_REQUEST, 7, auth,
                List.of(RadiusAttribute.text(RadiusAttributeType.USER_NAME, "bob"))), SECRET);
        assertThat(request.attributes().get(0).type()).isEqualTo(RadiusAttributeType.MESSAGE_AUTHENTICATOR);
        RadiusSecurity.verifyAccessRequest(RadiusPacket.decode(request.encode()), SECRET, true);

        RadiusPacket accept = RadiusSecurity.signResponse(RadiusPacket.of(RadiusCode.ACCESS_ACCEPT, 7,
                List.of(RadiusAttribute.integer(RadiusAttributeType.SESSION_TIMEOUT, 3600))), auth, SECRET);
        RadiusSecurity.verifyResponse(RadiusPacket.decode(accept.encode()), auth, SECRET, true);

        // RFC 3579 section 3.2: a changed Message-Authenticator alone (authenticator recomputed) is caught
        byte[] forged = accept.encode();
        forged[22] ^= 1;
        RadiusPacket f = RadiusPacket.decode(forged);
        RadiusPacket reauthenticated = f.withAuthenticator(RadiusSecurity.md5(f.withAuthenticator(auth).encode(), SECRET));
        assertThatThrownBy(() -> RadiusSecurity.verifyResponse(reauthenticated, auth, SECRET, true))
                .isInstanceOf(RadiusFormatException.class).hasMessageContaining("Message-Authenticator");
        // and a duplicated one
        RadiusPacket twice = accept.plus(accept.attributes().get(0));
        RadiusPacket twiceSigned = twice.withAuthenticator(RadiusSecurity.md5(twice.withAuthenticator(auth).encode(),
                SECRET));
        assertThatThrownBy(() -> RadiusSecurity.verifyResponse(twiceSigned, auth, SECRET, true))
                .isInstanceOf(RadiusFormatException.class).hasMessageContaining("once");
    }

    @Test
    void hashedRequestsVerifyAndCorruptionIsDetected() throws Exception {
        RadiusPacket acct = RadiusSecurity.signRequest(RadiusPacket.of(RadiusCode.ACCOUNTING_REQUEST, 3, List.of(
                RadiusAttribute.integer(RadiusAttributeType.ACCT_STATUS_TYPE, 1),
                RadiusAttribute.text(RadiusAttributeType.ACCT_SESSION_ID, "0001"),
                RadiusAttribute.address(RadiusAttributeType.FRAMED_IP_ADDRESS,
                        (Inet4Address) InetAddress.getByName("192.168.10.5")))), SECRET);
        byte[] wire = acct.encode();
        RadiusSecurity.verifyHashedRequest(RadiusPacket.decode(wire), SECRET, true);
        for (int i = 0; i < wire.length; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x40;
            int at = i;
            assertThatThrownBy(() -> {
                RadiusPacket p = RadiusPacket.decode(bad);
                if (!p.code().hashedRequest()) {
                    throw new RadiusFormatException("code changed");
                }
                RadiusSecurity.verifyHashedRequest(p, SECRET, true);
            }).as("octet %d", at).isInstanceOf(RadiusFormatException.class);
        }
    }
}
