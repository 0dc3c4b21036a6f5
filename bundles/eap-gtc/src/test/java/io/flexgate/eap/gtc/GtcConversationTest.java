package io.flexgate.eap.gtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** EAP-GTC peer against authenticator in process, with an in-memory PAP-style credential store. */
class GtcConversationTest {

    private static final String PASSWORD = "alice-pass";
    private static final int FIRST_ID = 3;

    private final GtcMethod method = new GtcMethod();
    private final PasswordStore store = new PasswordStore().user("alice", PASSWORD);

    private EapAuthenticator server(String identity) {
        return method.newAuthenticator(new EapServerContext(42, identity, store, new SecureRandom(), Map.of()));
    }

    private EapPeer peer(String password) {
        return method.newPeer(new EapPeerContext("alice",
                () -> Secret.copyOf(password.getBytes(StandardCharsets.UTF_8)), new SecureRandom(), Map.of()));
    }

    private static EapPacket prompt(EapAuthenticator server) {
        return ((EapStep.Continue) server.start(FIRST_ID).toCompletableFuture().join()).request();
    }

    private static EapStep answer(EapAuthenticator server, EapPacket response) {
        return server.process(response).toCompletableFuture().join();
    }

    private EapStep run(String identity, String password) {
        EapAuthenticator server = server(identity);
        return answer(server, peer(password).respond(prompt(server)).toCompletableFuture().join());
    }

    private static String reason(EapStep step) {
        assertThat(step).isInstanceOf(EapStep.Failure.class);
        return ((EapStep.Failure) step).reason();
    }

    @Test
    void rightPasswordSucceedsWithoutMsk() {
        EapStep step = run("alice", PASSWORD);
        assertThat(step).isEqualTo(new EapStep.Success("alice", java.util.Optional.empty(), Map.of()));
        assertThat(peer(PASSWORD).msk()).isEmpty();
        assertThat(method.generatesMsk()).isFalse();
    }

    @Test
    void requestIsAPasswordPromptWithTheGivenIdentifier() {
        EapPacket request = prompt(server("alice"));
        assertThat(request.identifier()).isEqualTo(FIRST_ID);
        assertThat(request.type()).isEqualTo(EapType.GTC);
        assertThat(new String(request.typeData(), StandardCharsets.UTF_8)).isEqualTo("Password: ");
    }

    /** strongSwan's client (eap_gtc.c process_peer) sends the bare password as the whole type-data. */
    @Test
    void responseIsTheBarePasswordLikeStrongSwan() {
        EapPacket response = peer(PASSWORD).respond(prompt(server("alice"))).toCompletableFuture().join();
        assertThat(response.encode()).isEqualTo(
                EapPacket.decode(java.util.HexFormat.of().parseHex("0203000f06616c6963652d70617373")).orElseThrow()
                        .encode());
    }

    /** A strongSwan-shaped response built from wire bytes (code 2, id 3, length 15, type 6, "alice-pass"). */
    @Test
    void acceptsAStrongSwanResponseFromTheWire() {
        EapAuthenticator server = server("alice");
        prompt(server);
        EapPacket wire = EapPacket.decode(java.util.HexFormat.of().parseHex("0203000f06616c6963652d70617373"))
                .orElseThrow();
        assertThat(answer(server, wire)).isInstanceOf(EapStep.Success.class);
    }

    @Test
    void wrongPasswordFailsWithTheStoresReason() {
        assertThat(reason(run("alice", "guess"))).isEqualTo("wrong password");
    }

    @Test
    void unknownUserFails() {
        assertThat(reason(run("mallory", PASSWORD))).isEqualTo("no such user");
    }

    @Test
    void unavailableStoreFails() {
        store.down("no RADIUS server answered");
        assertThat(reason(run("alice", PASSWORD))).isEqualTo("credential store unavailable: no RADIUS server answered");
    }

    @Test
    void storeErrorBecomesAFailure() {
        CompletableFuture<AuthResult> slow = store.holdNext();
        EapAuthenticator server = server("alice");
        EapPacket response = peer(PASSWORD).respond(prompt(server)).toCompletableFuture().join();
        CompletionStage<EapStep> verdict = server.process(response);
        assertThat(verdict.toCompletableFuture()).isNotDone();
        slow.completeExceptionally(new IllegalStateException("socket closed"));
        assertThat(reason(verdict.toCompletableFuture().join())).contains("credential store failed");
    }

    @Test
    void passwordHandedToTheStoreIsWipedOnceItAnswers() {
        CompletableFuture<AuthResult> slow = store.holdNext();
        EapAuthenticator server = server("alice");
        CompletionStage<EapStep> verdict = server.process(
                peer(PASSWORD).respond(prompt(server)).toCompletableFuture().join());
        Secret handed = store.given().get(0);
        assertThat(handed.isWiped()).isFalse();
        slow.complete(new AuthResult.Accepted("alice", AuthorizationAttributes.NONE));
        assertThat(verdict.toCompletableFuture().join()).isInstanceOf(EapStep.Success.class);
        assertThat(handed.isWiped()).isTrue();
    }

    @Test
    void emptyResponseFails() {
        EapAuthenticator server = server("alice");
        prompt(server);
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.GTC, new byte[0]))))
                .contains("malformed EAP-GTC response");
        assertThat(store.given()).isEmpty();
    }

    @Test
    void oversizedResponseFails() {
        EapAuthenticator server = server("alice");
        prompt(server);
        byte[] huge = new byte[GtcAuthenticator.MAX_RESPONSE_OCTETS + 1];
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.GTC, huge))))
                .contains("malformed EAP-GTC response");
    }

    @Test
    void responseWithAnotherIdentifierFails() {
        EapAuthenticator server = server("alice");
        prompt(server);
        EapPacket wrongId = EapPacket.response(FIRST_ID + 1, EapType.GTC, PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(reason(answer(server, wrongId))).contains("request id " + FIRST_ID);
        assertThat(store.given()).isEmpty();
    }

    @Test
    void nakNamesTheProposedTypes() {
        EapAuthenticator server = server("alice");
        prompt(server);
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.NAK, new byte[] {26, 4}))))
                .isEqualTo("peer refused EAP-GTC (Nak) and proposed 26 (mschapv2), 4 (md5)");
    }

    @Test
    void emptyNakSaysNoAlternative() {
        EapAuthenticator server = server("alice");
        prompt(server);
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.NAK, new byte[] {0}))))
                .endsWith("proposed no other method");
    }

    @Test
    void responseOfAnotherTypeFails() {
        EapAuthenticator server = server("alice");
        prompt(server);
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.MD5_CHALLENGE, new byte[] {1, 1}))))
                .contains("got type 4");
    }

    @Test
    void responseBeforeStartOrAfterTheVerdictFails() {
        EapAuthenticator fresh = server("alice");
        EapPacket response = EapPacket.response(FIRST_ID, EapType.GTC, PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(reason(answer(fresh, response))).contains("while NEW");
        EapAuthenticator server = server("alice");
        prompt(server);
        assertThat(answer(server, response)).isInstanceOf(EapStep.Success.class);
        assertThat(reason(answer(server, response))).contains("while DONE");
    }

    @Test
    void peerRefusesOtherTypesAndMissingPasswords() {
        assertThatThrownBy(() -> peer(PASSWORD).respond(EapPacket.request(1, EapType.MD5_CHALLENGE, new byte[] {1, 1}))
                .toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(EapPeerException.class);
        assertThatThrownBy(() -> peer("").respond(EapPacket.request(1, EapType.GTC, new byte[0]))
                .toCompletableFuture().join()).hasCauseInstanceOf(EapPeerException.class);
    }

    @Test
    void peerShowsOnlyPrintablePromptText() {
        assertThat(GtcPeer.printable("Token\u0007:\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("Token?:?");
        assertThat(GtcPeer.printable(new byte[500])).hasSize(GtcPeer.MAX_LOGGED_PROMPT);
    }

    @Test
    void noSecretInLogsOrToString() {
        try (CapturedLog log = new CapturedLog()) {
            EapAuthenticator server = server("alice");
            EapPacket request = prompt(server);
            EapPacket response = peer(PASSWORD).respond(request).toCompletableFuture().join();
            EapStep step = answer(server, response);
            EapStep wrong = run("alice", "guess-pass");
            String everything = log.text() + request + response + step + wrong + store.given();
            assertThat(log.text()).contains("EAP-GTC authenticated 'alice'");
            assertThat(everything).doesNotContain(PASSWORD).doesNotContain("guess-pass");
        }
    }
}
