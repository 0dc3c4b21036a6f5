package io.flexgate.aaa.radius.packet;

import static io.flexgate.aaa.radius.packet.Rfc2865ExamplesTest.SECRET;
import static io.flexgate.aaa.radius.packet.Rfc2865ExamplesTest.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Vendor-Specific attributes (RFC 2865 section 5.26), Cisco-AVPair authorization and MS-MPPE salt encryption
 * (RFC 2548 section 2.4.2). FreeRADIUS produces the salt-encrypted keys in the interop test; here the
 * format rules.
 */
class VendorAttributeTest {

    @Test
    void ciscoAvPairHasTheRecommendedLayout() throws Exception {
        RadiusAttribute a = VendorAttribute.ciscoAvPair("ipsec:banner=hi").toAttribute();
        // Vendor-Id 9, vendor type 1, vendor length 2 + 15
        assertThat(a.value()).startsWith(hex("00000009 01 11".replace(" ", "")));
        assertThat(VendorAttribute.parse(a)).containsExactly(VendorAttribute.ciscoAvPair("ipsec:banner=hi"));
    }

    @Test
    void severalSubAttributesInOneVsaAreRead() throws Exception {
        RadiusAttribute a = new RadiusAttribute(26, hex("00000137" + "0a03ff" + "0b0401ff"));
        assertThat(VendorAttribute.parse(a)).extracting(VendorAttribute::vendorType).containsExactly(10, 11);
    }

    @Test
    void malformedSubAttributesAreRefused() {
        for (String bad : List.of("000009", "00000009", "0000000901", "000000090101", "00000009010741")) {
            assertThatThrownBy(() -> VendorAttribute.parse(new RadiusAttribute(26, hex(bad))))
                    .as(bad).isInstanceOf(RadiusFormatException.class);
        }
    }

    @Test
    void acceptAttributesBecomeAuthorization() throws Exception {
        RadiusPacket accept = RadiusPacket.of(RadiusCode.ACCESS_ACCEPT, 1, List.of(
                new RadiusAttribute(RadiusAttributeType.FRAMED_IP_ADDRESS, hex("c0a80a07")),
                new RadiusAttribute(RadiusAttributeType.FRAMED_IP_NETMASK, hex("ffffffff")),
                VendorAttribute.ciscoAvPair("ipsec:dns-servers=10.1.0.53 10.1.0.54").toAttribute(),
                VendorAttribute.ciscoAvPair("ipsec:route-set=prefix 10.0.0.0/8").toAttribute(),
                VendorAttribute.ciscoAvPair("ipsec:route-set=prefix 172.16.0.0 255.240.0.0").toAttribute(),
                VendorAttribute.ciscoAvPair("ipsec:default-domain=example.test").toAttribute(),
                VendorAttribute.ciscoAvPair("ipsec:addr-pool=vpn-pool").toAttribute(),
                VendorAttribute.ciscoAvPair("ipsec:route-set=interface").toAttribute(),
                VendorAttribute.ciscoAvPair("shell:priv-lvl=15").toAttribute()));

        AuthorizationAttributes attrs = CiscoAuthorization.from(accept);

        assertThat(attrs.framedAddress()).contains(InetAddress.getByName("192.168.10.7"));
        assertThat(attrs.netmask()).contains(InetAddress.getByName("255.255.255.255"));
        assertThat(attrs.dnsServers()).containsExactly(InetAddress.getByName("10.1.0.53"),
                InetAddress.getByName("10.1.0.54"));
        assertThat(attrs.splitRoutes()).containsExactly(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("172.16.0.0/12"));
        assertThat(attrs.defaultDomain()).contains("example.test");
        assertThat(attrs.pool()).contains("vpn-pool");
        assertThat(attrs.banner()).isEqualTo(Optional.empty());
    }

    @Test
    void framedPoolWinsOverAddrPoolAndNasSelectsIsNoAddress() throws Exception {
        RadiusPacket accept = RadiusPacket.of(RadiusCode.ACCESS_ACCEPT, 1, List.of(
                new RadiusAttribute(RadiusAttributeType.FRAMED_IP_ADDRESS, hex("fffffffe")),
                RadiusAttribute.text(RadiusAttributeType.FRAMED_POOL, "radius-pool"),
                VendorAttribute.ciscoAvPair("ipsec:addr-pool=avpair-pool").toAttribute()));
        AuthorizationAttributes attrs = CiscoAuthorization.from(accept);
        assertThat(attrs.framedAddress()).isEmpty();
        assertThat(attrs.pool()).contains("radius-pool");
    }

    @Test
    void aDnsServerThatIsNotALiteralIsRefused() {
        RadiusPacket accept = RadiusPacket.of(RadiusCode.ACCESS_ACCEPT, 1, List.of(
                VendorAttribute.ciscoAvPair("ipsec:dns-servers=dns.example.test").toAttribute()));
        assertThatThrownBy(() -> CiscoAuthorization.from(accept)).isInstanceOf(RadiusFormatException.class);
    }

    @Test
    void saltEncryptionFollowsRfc2548Layout() throws Exception {
        byte[] auth = hex("0f403f9473978057bd83d5cb98f4227a");
        byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] salted = RadiusSecurity.saltEncrypt(key, hex("8001"), SECRET, auth);

        // salt, then 1 + 32 octets padded to 48
        assertThat(salted).hasSize(2 + 48);
        assertThat(salted).startsWith(hex("8001"));
        assertThat(RadiusSecurity.saltDecrypt(salted, SECRET, auth)).isEqualTo(key);
        // another salt gives another ciphertext of the same key
        assertThat(RadiusSecurity.saltEncrypt(key, hex("8002"), SECRET, auth)).isNotEqualTo(salted);
    }

    @Test
    void saltDecryptionChecksItsInput() throws Exception {
        byte[] auth = hex("0f403f9473978057bd83d5cb98f4227a");
        byte[] salted = RadiusSecurity.saltEncrypt(new byte[32], hex("8001"), SECRET, auth);
        byte[] noHighBit = salted.clone();
        noHighBit[0] = 0;
        assertThatThrownBy(() -> RadiusSecurity.saltDecrypt(noHighBit, SECRET, auth))
                .isInstanceOf(RadiusFormatException.class);
        assertThatThrownBy(() -> RadiusSecurity.saltDecrypt(java.util.Arrays.copyOf(salted, 33), SECRET, auth))
                .isInstanceOf(RadiusFormatException.class);
        // a wrong secret decrypts the length octet to garbage; for this input it exceeds the data
        int refused = 0;
        for (int i = 0; i < 64; i++) {
            try {
                RadiusSecurity.saltDecrypt(salted, ("wrong" + i).getBytes(), auth);
            } catch (RadiusFormatException e) {
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(32);
    }
}
