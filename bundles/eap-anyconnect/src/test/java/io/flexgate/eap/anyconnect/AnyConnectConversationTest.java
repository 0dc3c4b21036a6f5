package io.flexgate.eap.anyconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectPeer;
import io.flexgate.api.anyconnect.AnyConnectProfiles.Problem;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import io.flexgate.eap.anyconnect.message.AnyConnectTlv;
import io.flexgate.eap.anyconnect.message.AnyConnectTlvCodec;
import io.flexgate.eap.anyconnect.message.ConfigAuthCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The whole hello..ack conversation, our peer against our authenticator, through the wire form. */
class AnyConnectConversationTest {

    private static final String SHA1 = "0123456789ABCDEF0123456789ABCDEF01234567";
    private static final ProfileStatus ACVPN = new ProfileStatus.Loaded("acvpn", Path.of("/etc/flexgate/acvpn.xml"),
            1234, SHA1, List.of("VPN IOS-XE (vpn.example.com)"), List.of());
    private static final long SESSION_ID = 38;

    private final AnyConnectEapMethod method = new AnyConnectEapMethod(new FixedProfiles(ACVPN,
            new ProfileStatus.Invalid("broken", Path.of("/etc/flexgate/broken.xml"),
                    List.of(new Problem(3, 3, "XML parser: not well-formed")))));
    private final List<Secret> handedOut = new ArrayList<>();

    private EapAuthenticator server(CredentialStore store, Map<String, String> parameters) {
        return method.newAuthenticator(new EapServerContext(SESSION_ID, "*$AnyConnectClient$*", store,
                new SecureRandom(), parameters));
    }

    private AnyConnectPeer peer(String user, String password, Map<String, String> parameters) {
        return method.newPeer(new EapPeerContext(user, () -> {
            Secret s = Secret.ofPassword(password.toCharArray());
            handedOut.add(s);
            return s;
        }, new SecureRandom(), parameters));
    }

    private static InMemoryCredentialStore store() {
        return new InMemoryCredentialStore(Map.of("test", "cisco123", "ünï<&>\"'", "pä<ss>&\"'"), true);
    }

    @Test
    void successAnnouncesTheProfileAndEndsWithoutMsk() {
        InMemoryCredentialStore store = store();
        AnyConnectPeer peer = peer("test", "cisco123", Map.of());

        ConversationDriver.Outcome outcome = ConversationDriver.run(server(store, Map.of("anyconnect.profile", "acvpn")),
                peer);

        assertThat(outcome.step()).isInstanceOfSatisfying(EapStep.Success.class, s -> {
            assertThat(s.username()).isEqualTo("test");
            assertThat(s.msk()).isEmpty();
            assertThat(s.attributes()).containsEntry("anyconnect.session-id", "38")
                    .containsEntry("anyconnect.profile", "acvpn.xml")
                    .containsEntry("anyconnect.client", "linux 4.9.01095");
        });
        assertThat(outcome.requests()).extracting(EapPacket::identifier).containsExactly(7, 8, 9);
        assertThat(outcome.requests()).allSatisfy(r -> assertThat(r.type()).isEqualTo(EapType.ANYCONNECT));
        AnyConnectPeer.Completion completion = peer.completion().orElseThrow();
        assertThat(completion.sessionId()).isEqualTo("38");
        assertThat(completion.profile()).contains(
                new AnyConnectPeer.ProfileManifest("/CACHE/stc/profiles/acvpn.xml", SHA1));
        assertThat(completion.profile().get().fileName()).isEqualTo("acvpn.xml");
        assertThat(peer.msk()).isEmpty();
        assertThat(method.generatesMsk()).isFalse();
        assertThat(store.seen).hasSize(1).allSatisfy(s -> assertThat(s.isWiped()).isTrue());
        assertThat(handedOut).hasSize(1).allSatisfy(s -> assertThat(s.isWiped()).isTrue());
    }

    @Test
    void userNameAndPasswordWithMarkupCharactersArriveIntact() {
        InMemoryCredentialStore store = store();

        EapStep step = ConversationDriver.run(server(store, Map.of()), peer("ünï<&>\"'", "pä<ss>&\"'", Map.of())).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Success.class,
                s -> assertThat(s.username()).isEqualTo("ünï<&>\"'"));
    }

    @Test
    void withoutAProfileCompleteCarriesNoManifest() {
        AnyConnectPeer peer = peer("test", "cisco123", Map.of());

        EapStep step = ConversationDriver.run(server(store(), Map.of()), peer).step();

        assertThat(step).isInstanceOf(EapStep.Success.class);
        assertThat(peer.completion().orElseThrow().profile()).isEmpty();
    }

    @Test
    void wrongPasswordFailsAfterTheAuthReply() {
        AnyConnectPeer peer = peer("test", "cisco124", Map.of());

        ConversationDriver.Outcome outcome = ConversationDriver.run(server(store(), Map.of()), peer);

        assertThat(outcome.step()).isInstanceOfSatisfying(EapStep.Failure.class, f -> {
            assertThat(f.username()).isEqualTo("test");
            assertThat(f.reason()).contains("wrong password").doesNotContain("cisco12");
        });
        assertThat(outcome.requests()).hasSize(2);
        assertThat(peer.completion()).isEmpty();
    }

    @Test
    void unknownUserFails() {
        EapStep step = ConversationDriver.run(server(store(), Map.of()), peer("nobody", "x", Map.of())).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).contains("no such user"));
    }

    @Test
    void unavailableStoreFailsWithItsReason() {
        InMemoryCredentialStore down = new InMemoryCredentialStore(Map.of("test", "cisco123"), false);

        EapStep step = ConversationDriver.run(server(down, Map.of()), peer("test", "cisco123", Map.of())).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).isEqualTo("credential store unavailable: database offline"));
        assertThat(down.seen).allSatisfy(s -> assertThat(s.isWiped()).isTrue());
    }

    @Test
    void storeThatCompletesExceptionallyFailsAndWipesThePassword() {
        InMemoryCredentialStore broken = new InMemoryCredentialStore(Map.of(), true) {
            @Override
            public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
                seen.add(password);
                return CompletableFuture.failedFuture(new IllegalStateException("disk gone"));
            }
        };

        EapStep step = ConversationDriver.run(server(broken, Map.of()), peer("test", "cisco123", Map.of())).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).contains("disk gone"));
        assertThat(broken.seen).hasSize(1).allSatisfy(s -> assertThat(s.isWiped()).isTrue());
    }

    @Test
    void bannerAndGroupListReachThePeerAndTheChosenGroupTheSession() {
        AnyConnectPeer peer = peer("test", "cisco123", Map.of("anyconnect.group", "staff"));
        Map<String, String> profile = Map.of("anyconnect.banner", "Authorized use only & <logged>",
                "anyconnect.groups", "staff, contractors");

        EapStep step = ConversationDriver.run(server(store(), profile), peer).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Success.class,
                s -> assertThat(s.attributes()).containsEntry("anyconnect.group", "staff"));
        assertThat(peer.banner()).contains("Authorized use only & <logged>");
    }

    @Test
    void peerRefusesAGroupTheHeadendDoesNotOffer() {
        AnyConnectPeer peer = peer("test", "cisco123", Map.of("anyconnect.group", "admins"));

        assertThatThrownBy(() -> ConversationDriver.run(server(store(), Map.of("anyconnect.groups", "staff")), peer))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(EapPeerException.class)
                .hasMessageContaining("group 'admins' is not offered");
    }

    @Test
    void unknownOrInvalidProfileStopsTheSessionBeforeHello() {
        assertThatThrownBy(() -> server(store(), Map.of("anyconnect.profile", "nope")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'nope' is not configured");
        assertThatThrownBy(() -> server(store(), Map.of("anyconnect.profile", "broken")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("line 3, column 3");
    }

    @Test
    void ackBeforeAuthReplyIsRefused() {
        EapStep step = ConversationDriver.run(server(store(), Map.of()), peer("test", "cisco123", Map.of()),
                (round, wire) -> round == 1 ? responseXml(wire[1], "<config-auth client=\"vpn\" type=\"ack\"/>")
                        : wire).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).contains("unexpected config-auth 'ack'"));
    }

    @Test
    void malformedXmlInTheResponseFails() {
        EapStep step = ConversationDriver.run(server(store(), Map.of()), peer("test", "cisco123", Map.of()),
                (round, wire) -> responseXml(wire[1], "<config-auth client=\"vpn\" type=\"init\"><version>")).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).startsWith("malformed AnyConnect EAP response: config-auth XML rejected: line 1"));
    }

    @Test
    void oversizedXmlInTheResponseFails() {
        String big = "<config-auth client=\"vpn\" type=\"init\"><version>" + "9".repeat(ConfigAuthCodec.MAX_DOCUMENT_BYTES)
                + "</version></config-auth>";

        EapStep step = ConversationDriver.run(server(store(), Map.of()), peer("test", "cisco123", Map.of()),
                (round, wire) -> responseXml(wire[1], big)).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).contains("exceeds the limit of 32768 bytes"));
    }

    @Test
    void externalEntityInTheAuthReplyIsRejectedBeforeTheStoreIsAsked() {
        InMemoryCredentialStore store = store();
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE config-auth [<!ENTITY pw SYSTEM \"file:///etc/passwd\">]>"
                + "<config-auth client=\"vpn\" type=\"auth-reply\"><auth><username>test</username>"
                + "<password>&pw;</password></auth></config-auth>";

        EapStep step = ConversationDriver.run(server(store, Map.of()), peer("test", "cisco123", Map.of()),
                (round, wire) -> round == 1 ? responseXml(wire[1], xxe) : wire).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).contains("DOCTYPE is disallowed"));
        assertThat(store.seen).isEmpty();
    }

    @Test
    void entityExpansionBombIsRejected() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<config-auth client=\"vpn\" type=\"init\"><version>&lol2;</version></config-auth>";

        EapStep step = ConversationDriver.run(server(store(), Map.of()), peer("test", "cisco123", Map.of()),
                (round, wire) -> responseXml(wire[1], bomb)).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).contains("DOCTYPE is disallowed"));
    }

    @Test
    void nakFromThePeerFails() {
        EapStep step = ConversationDriver.run(server(store(), Map.of()), peer("test", "cisco123", Map.of()),
                (round, wire) -> EapPacket.response(wire[1] & 0xFF, EapType.NAK, new byte[] {26}).encode()).step();

        assertThat(step).isInstanceOfSatisfying(EapStep.Failure.class,
                f -> assertThat(f.reason()).contains("got a Nak"));
    }

    @Test
    void peerRejectsAMalformedRequest() {
        AnyConnectPeer peer = peer("test", "cisco123", Map.of());
        EapPacket broken = EapPacket.request(1, EapType.ANYCONNECT, new byte[] {0, 0, 0, 9, '<'});

        assertThatThrownBy(() -> peer.respond(broken).toCompletableFuture().join())
                .hasCauseInstanceOf(EapPeerException.class)
                .hasMessageContaining("TLV 0 at offset 0 claims 9 bytes but only 1 follow");
    }

    @Test
    void peerRejectsAClientDocumentFromTheHeadend() {
        AnyConnectPeer peer = peer("test", "cisco123", Map.of());
        byte[] init = xmlTlv("<config-auth client=\"vpn\" type=\"init\"><version who=\"vpn\">1</version></config-auth>");

        assertThatThrownBy(() -> peer.respond(EapPacket.request(1, EapType.ANYCONNECT, init)).toCompletableFuture().join())
                .hasCauseInstanceOf(EapPeerException.class).hasMessageContaining("client document ('init')");
    }

    @Test
    void peerGivesUpWhenAskedForThePasswordAgainAndAgain() throws Exception {
        AnyConnectPeer peer = peer("test", "cisco123", Map.of());
        byte[] form = xmlTlv("<config-auth client=\"vpn\" type=\"auth-request\"><auth id=\"main\"><error>Login failed</error>"
                + "<form><input type=\"text\" name=\"username\"/><input type=\"password\" name=\"password\"/></form>"
                + "</auth></config-auth>");
        for (int i = 0; i < AnyConnectPeerConversation.MAX_AUTH_REQUESTS; i++) {
            peer.respond(EapPacket.request(i, EapType.ANYCONNECT, form)).toCompletableFuture().get();
        }

        assertThatThrownBy(() -> peer.respond(EapPacket.request(9, EapType.ANYCONNECT, form)).toCompletableFuture().join())
                .hasCauseInstanceOf(EapPeerException.class).hasMessageContaining("giving up");
    }

    @Test
    void serviceIdentity() {
        assertThat(method.type()).isEqualTo(EapType.expanded(9, 0x44425250L));
        assertThat(method.name()).isEqualTo("anyconnect");
    }

    private static byte[] xmlTlv(String xml) {
        return AnyConnectTlvCodec.encode(List.of(new AnyConnectTlv(AnyConnectTlv.XML,
                xml.getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] responseXml(byte identifier, String xml) {
        return EapPacket.response(identifier & 0xFF, EapType.ANYCONNECT, xmlTlv(xml)).encode();
    }
}
