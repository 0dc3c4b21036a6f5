package io.flexgate.aaa.radius.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.flexgate.aaa.radius.packet.VendorAttribute;
import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client and the group against in-process servers on free loopback ports: PAP, authenticator checks
 * (RFC 2865 section 3, RFC 3579 section 3.2, CVE-2024-3596), failover, dead time and the bound on
 * outstanding requests.
 */
class RadiusClientTest {

    static final byte[] KEY = "test-key".getBytes(StandardCharsets.US_ASCII);
    static final Duration TIMEOUT = Duration.ofMillis(150);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private TestServer server(Function<RadiusPacket, byte[]> answer) throws Exception {
        TestServer s = new TestServer(answer);
        closing.add(s);
        return s;
    }

    private RadiusClient client(int maxOutstanding) throws Exception {
        RadiusClient c = new RadiusClient("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                maxOutstanding, Clock.systemUTC(), new SecureRandom());
        closing.add(c);
        return c;
    }

    static RadiusServer radius(String name, InetSocketAddress address, Duration deadTime) {
        return new RadiusServer(name, address, address, Secret.copyOf(KEY), TIMEOUT, 1, deadTime);
    }

    /** PAP: accept "bob"/"bob-pass" with a Framed-IP-Address and a route, reject anything else. */
    static byte[] pap(RadiusPacket request) {
        try {
            byte[] password = RadiusSecurity.recoverPassword(request.attribute(RadiusAttributeType.USER_PASSWORD)
                    .orElseThrow().value(), KEY, request.authenticator());
            boolean ok = "bob".equals(request.text(RadiusAttributeType.USER_NAME).orElse(""))
                    && "bob-pass".equals(new String(password, StandardCharsets.UTF_8));
            RadiusSecurity.verifyAccessRequest(request, KEY, true);
            List<RadiusAttribute> attrs = ok ? List.of(
                    new RadiusAttribute(RadiusAttributeType.FRAMED_IP_ADDRESS, new byte[] {(byte) 192, (byte) 168, 10, 9}),
                    VendorAttribute.ciscoAvPair("ipsec:route-set=prefix 10.0.0.0/8").toAttribute())
                    : List.of(RadiusAttribute.text(RadiusAttributeType.REPLY_MESSAGE, "no"));
            return RadiusSecurity.signResponse(RadiusPacket.of(ok ? RadiusCode.ACCESS_ACCEPT : RadiusCode.ACCESS_REJECT,
                    request.identifier(), attrs), request.authenticator(), KEY).encode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RadiusGroup group(RadiusClient client, RadiusServer... servers) {
        return new RadiusGroup("test", client, () -> List.of(servers), "nas-1", Secret.copyOf(
                "cisco".getBytes(StandardCharsets.US_ASCII)), Clock.systemUTC());
    }

    private static AuthResult verify(CredentialStore store, String user, String password) throws Exception {
        return store.verifyPassword(user, Secret.copyOf(password.getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void papAcceptCarriesAuthorizationAndRejectIsFinal() throws Exception {
        TestServer s = server(RadiusClientTest::pap);
        RadiusGroup group = group(client(256), radius("s1", s.address(), Duration.ZERO));

        AuthResult ok = verify(group, "bob", "bob-pass");
        assertThat(ok).isInstanceOf(AuthResult.Accepted.class);
        assertThat(((AuthResult.Accepted) ok).attributes().framedAddress())
                .contains(InetAddress.getByName("192.168.10.9"));
        assertThat(verify(group, "bob", "wrong")).isInstanceOf(AuthResult.Rejected.class);
        // the request carried NAS-Identifier and a Message-Authenticator first
        RadiusPacket sent = s.received.poll(1, TimeUnit.SECONDS);
        assertThat(sent.attributes().get(0).type()).isEqualTo(RadiusAttributeType.MESSAGE_AUTHENTICATOR);
        assertThat(sent.text(RadiusAttributeType.NAS_IDENTIFIER)).contains("nas-1");
        // user authorization is answered from the accept ("cached") without asking the server again
        int before = s.received.size();
        Authorizer.AuthorizationResult r = group.authorize(Authorizer.Kind.USER, "bob").toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(r).isInstanceOf(Authorizer.AuthorizationResult.Authorized.class);
        assertThat(s.received).hasSize(before);
    }

    @Test
    void anAcceptWithoutMessageAuthenticatorIsDiscardedSoTheServerCountsAsSilent() throws Exception {
        TestServer s = server(request -> {
            RadiusPacket accept = RadiusPacket.of(RadiusCode.ACCESS_ACCEPT, request.identifier(), List.of());
            // a correct Response Authenticator but no Message-Authenticator: what Blast-RADIUS forges
            return accept.withAuthenticator(md5(accept.withAuthenticator(request.authenticator()).encode(), KEY))
                    .encode();
        });
        AuthResult r = verify(group(client(256), radius("s1", s.address(), Duration.ZERO)), "bob", "bob-pass");
        assertThat(r).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) r).reason()).contains("no answer after 2 transmissions");
    }

    @Test
    void aResponseSignedWithAnotherKeyIsDiscarded() throws Exception {
        TestServer s = server(request -> RadiusSecurity.signResponse(RadiusPacket.of(RadiusCode.ACCESS_ACCEPT,
                request.identifier(), List.of()), request.authenticator(), "other".getBytes()).encode());
        assertThat(verify(group(client(256), radius("s1", s.address(), Duration.ZERO)), "bob", "bob-pass"))
                .isInstanceOf(AuthResult.Unavailable.class);
        // the request was retransmitted once (retransmit 1) with the same identifier and authenticator
        RadiusPacket first = s.received.poll(1, TimeUnit.SECONDS);
        RadiusPacket second = s.received.poll(1, TimeUnit.SECONDS);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void firstServerSilentSecondAnswersAndTheDeadOneIsSkippedNextTime() throws Exception {
        TestServer silent = server(request -> null);
        TestServer live = server(RadiusClientTest::pap);
        RadiusClient client = client(256);
        RadiusServer dead = radius("s1", silent.address(), Duration.ofMinutes(1));
        RadiusGroup group = group(client, dead, radius("s2", live.address(), Duration.ZERO));

        assertThat(verify(group, "bob", "bob-pass")).isInstanceOf(AuthResult.Accepted.class);
        assertThat(silent.received).hasSize(2);
        assertThat(client.isDead(dead)).isTrue();
        assertThat(verify(group, "bob", "bob-pass")).isInstanceOf(AuthResult.Accepted.class);
        assertThat(silent.received).hasSize(2);
    }

    @Test
    void noServerAnsweringIsUnavailableSoAMethodListFallsBack() throws Exception {
        TestServer silent = server(request -> null);
        RadiusGroup group = group(client(256), radius("s1", silent.address(), Duration.ZERO));
        assertThat(verify(group, "bob", "bob-pass")).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(group.authorize(Authorizer.Kind.GROUP, "eng").toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(Authorizer.AuthorizationResult.Unavailable.class);
        assertThat(group(client(256)).verifyPassword("bob", Secret.copyOf(new byte[1])).toCompletableFuture()
                .get(5, TimeUnit.SECONDS)).isInstanceOf(AuthResult.Unavailable.class);
    }

    @Test
    void outstandingRequestsAreBounded() throws Exception {
        TestServer silent = server(request -> null);
        RadiusClient client = client(2);
        RadiusGroup group = group(client, radius("s1", silent.address(), Duration.ZERO));
        var a = group.verifyPassword("a", Secret.copyOf(new byte[] {1}));
        var b = group.verifyPassword("b", Secret.copyOf(new byte[] {1}));
        AuthResult third = verify(group, "c", "x");
        assertThat(third).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) third).reason()).contains("2 requests outstanding");
        assertThat(a.toCompletableFuture().get(5, TimeUnit.SECONDS)).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(b.toCompletableFuture().get(5, TimeUnit.SECONDS)).isInstanceOf(AuthResult.Unavailable.class);
    }

    @Test
    void radiusNeverRevealsCredentials() throws Exception {
        RadiusGroup group = group(client(1));
        assertThat(group.ntHash("bob").toCompletableFuture().get())
                .isInstanceOf(CredentialStore.CredentialLookup.NotAvailableInThisForm.class);
    }

    static byte[] md5(byte[] data, byte[] key) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
            md.update(data);
            md.update(key);
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
