package io.flexgate.aaa.radius.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.eap.RadiusEapMethod;
import io.flexgate.api.Secret;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import io.flexgate.eap.md5.Md5Method;
import io.flexgate.eap.mschapv2.MsChapV2Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * EAP pass-through (RFC 3579) against FreeRADIUS with FlexGate's own EAP peers: EAP-MD5 (no MSK) and
 * EAP-MSCHAPv2, whose MSK from the MS-MPPE keys must equal the one the peer derived (RFC 3079).
 */
class FreeRadiusEapTest extends WithFreeRadius {

    /**
     * Runs a conversation; a request of another type than {@code peerType} is answered with a Nak for
     * {@code peerType} (RFC 3748 section 5.3.1), as a real client does when the server proposes MD5.
     */
    private static EapStep converse(RadiusGroup group, EapPeer peer, EapType peerType, String identity)
            throws Exception {
        EapAuthenticator auth = new RadiusEapMethod(() -> Optional.of(group)).newAuthenticator(
                new EapServerContext(7, identity, null, new SecureRandom(), Map.of()));
        EapStep step = auth.start(2).toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (int round = 0; step instanceof EapStep.Continue c && round < 10; round++) {
            EapPacket response = c.request().type().equals(peerType)
                    ? peer.respond(c.request()).toCompletableFuture().get(10, TimeUnit.SECONDS)
                    : EapPacket.response(c.request().identifier(), EapType.NAK, new byte[] {(byte) peerType.type()});
            step = auth.process(response).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        auth.close();
        return step;
    }

    private static EapPeerContext peerContext(String user, String password) {
        return new EapPeerContext(user, () -> Secret.copyOf(password.getBytes(StandardCharsets.UTF_8)),
                new SecureRandom(), Map.of());
    }

    @Test
    void eapMd5PassesThrough() throws Exception {
        EapStep step = converse(group(live()), new Md5Method().newPeer(peerContext("bob", "bob-pass")), EapType.MD5_CHALLENGE, "bob");
        assertThat(step).isInstanceOf(EapStep.Success.class);
        assertThat(((EapStep.Success) step).msk()).isEmpty();
        EapStep wrong = converse(group(live()), new Md5Method().newPeer(peerContext("bob", "nope")), EapType.MD5_CHALLENGE, "bob");
        assertThat(wrong).isInstanceOf(EapStep.Failure.class);
    }

    @Test
    void eapMsChapV2PassesThroughAndTheMskMatchesThePeers() throws Exception {
        EapMethod mschap = new MsChapV2Method((MsChapV2Method.Config) Proxy.newProxyInstance(
                MsChapV2Method.Config.class.getClassLoader(), new Class<?>[] {MsChapV2Method.Config.class},
                (p, m, a) -> m.getDefaultValue()));
        EapPeer peer = mschap.newPeer(peerContext("dave", "dave-pass"));
        RadiusGroup group = group(live());

        EapStep step = converse(group, peer, EapType.MSCHAPV2, "dave");

        assertThat(step).isInstanceOf(EapStep.Success.class);
        Secret msk = ((EapStep.Success) step).msk().orElseThrow();
        assertThat(msk.length()).isEqualTo(64);
        assertThat(msk.equalsConstantTime(peer.msk().orElseThrow())).isTrue();
        // the accept's authorization answers the cached user authorization
        Authorizer.AuthorizationResult r = group.authorize(Authorizer.Kind.USER, "dave").toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(((Authorizer.AuthorizationResult.Authorized) r).attributes().framedAddress())
                .contains(InetAddress.getByName("192.168.10.78"));
    }
}
