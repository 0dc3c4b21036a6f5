package io.flexgate.aaa.radius.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.aaa.radius.client.Exchange;
import io.flexgate.aaa.radius.client.RadiusClient;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.flexgate.aaa.radius.packet.VendorAttribute;
import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PAP, authorization attributes and failover against a real FreeRADIUS 3 (Debian package) started for this
 * class on free loopback ports. Skipped, with the reason, when FreeRADIUS is missing or we are not root.
 */
class FreeRadiusAuthenticationTest extends WithFreeRadius {

    private static AuthResult pap(RadiusGroup group, String user, String password) throws Exception {
        return group.verifyPassword(user, Secret.copyOf(password.getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void papAcceptReturnsFramedAddressAndCiscoAvPairs() throws Exception {
        AuthResult result = pap(group(live()), "bob", "bob-pass");

        assertThat(result).isInstanceOf(AuthResult.Accepted.class);
        AuthorizationAttributes attrs = ((AuthResult.Accepted) result).attributes();
        assertThat(attrs.framedAddress()).contains(InetAddress.getByName("192.168.10.77"));
        assertThat(attrs.dnsServers()).containsExactly(InetAddress.getByName("10.1.0.53"),
                InetAddress.getByName("10.1.0.54"));
        assertThat(attrs.splitRoutes()).containsExactly(IpPrefix.parse("10.0.0.0/8"));
    }

    @Test
    void papRejectForAWrongPasswordAndAnUnknownUser() throws Exception {
        RadiusGroup group = group(live());
        assertThat(pap(group, "bob", "not-bobs")).isInstanceOf(AuthResult.Rejected.class);
        AuthResult unknown = pap(group, "mallory", "x");
        assertThat(unknown).isInstanceOf(AuthResult.Rejected.class);
        assertThat(((AuthResult.Rejected) unknown).reason()).contains("Unknown user");
    }

    @Test
    void serverDownIsUnavailable() throws Exception {
        AuthResult result = pap(group(down()), "bob", "bob-pass");
        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) result).reason()).contains("down: no answer after 2 transmissions");
    }

    @Test
    void firstServerDownSecondAnswers() throws Exception {
        assertThat(pap(group(down(), live()), "bob", "bob-pass")).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void groupAuthorizationWithTheAuthorizationPassword() throws Exception {
        Authorizer.AuthorizationResult r = group(live()).authorize(Authorizer.Kind.GROUP, "eng")
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(Authorizer.AuthorizationResult.Authorized.class);
        AuthorizationAttributes attrs = ((Authorizer.AuthorizationResult.Authorized) r).attributes();
        assertThat(attrs.defaultDomain()).contains("eng.example.test");
        assertThat(attrs.splitRoutes()).containsExactly(IpPrefix.parse("172.16.0.0/12"));
        assertThat(group(live()).authorize(Authorizer.Kind.GROUP, "nobody").toCompletableFuture()
                .get(10, TimeUnit.SECONDS)).isInstanceOf(Authorizer.AuthorizationResult.Denied.class);
    }

    /** RFC 2548 section 2.4.2 as FreeRADIUS implements it: the key configured for bob comes back out. */
    @Test
    void msMppeSendKeyFromFreeRadiusDecrypts() throws Exception {
        byte[] password = "bob-pass".getBytes(StandardCharsets.US_ASCII);
        Exchange ex = client.send(List.of(live()), RadiusClient.Port.AUTHENTICATION, (id, auth, key) ->
                RadiusSecurity.signRequest(new RadiusPacket(RadiusCode.ACCESS_REQUEST, id, auth, List.of(
                        RadiusAttribute.text(RadiusAttributeType.USER_NAME, "bob"),
                        new RadiusAttribute(RadiusAttributeType.USER_PASSWORD,
                                RadiusSecurity.hidePassword(password, key, auth)))), key))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        Exchange.Answered answered = (Exchange.Answered) ex;
        assertThat(answered.response().code()).isEqualTo(RadiusCode.ACCESS_ACCEPT);
        VendorAttribute sendKey = answered.response().vendorAttributes(VendorAttribute.MICROSOFT,
                VendorAttribute.MS_MPPE_SEND_KEY).get(0);
        byte[] key = RadiusSecurity.saltDecrypt(sendKey.value(), FreeRadius.SECRET.getBytes(StandardCharsets.UTF_8),
                answered.request().authenticator());
        assertThat(HexFormat.of().formatHex(key))
                .isEqualTo("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    }
}
