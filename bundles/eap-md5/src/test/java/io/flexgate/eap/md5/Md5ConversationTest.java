package io.flexgate.eap.md5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** EAP-MD5 peer against authenticator in process, with an in-memory credential store. */
class Md5ConversationTest {

    private static final String PASSWORD = "alice-pass";
    private static final int FIRST_ID = 7;

    private final Md5Method method = new Md5Method();
    private final ReversibleStore store = new ReversibleStore().reversible("alice", PASSWORD).hashedOnly("carol");

    private EapAuthenticator server(String identity) {
        return method.newAuthenticator(new EapServerContext(42, identity, store, new CountingRandom(), Map.of()));
    }

    private EapPeer peer(String identity, String password) {
        return method.newPeer(new EapPeerContext(identity,
                () -> Secret.copyOf(password.getBytes(StandardCharsets.UTF_8)), new CountingRandom(), Map.of()));
    }

    private static EapPacket challenge(EapAuthenticator server) {
        return ((EapStep.Continue) server.start(FIRST_ID).toCompletableFuture().join()).request();
    }

    private static EapStep run(EapAuthenticator server, EapPeer peer) {
        EapPacket request = challenge(server);
        EapPacket response = peer.respond(request).toCompletableFuture().join();
        return server.process(response).toCompletableFuture().join();
    }

    private static EapStep answer(EapAuthenticator server, EapPacket response) {
        challenge(server);
        return server.process(response).toCompletableFuture().join();
    }

    @Test
    void rightPasswordSucceedsWithoutMsk() {
        EapPeer peer = peer("alice", PASSWORD);
        EapStep step = run(server("alice"), peer);
        assertThat(step).isInstanceOf(EapStep.Success.class);
        EapStep.Success success = (EapStep.Success) step;
        assertThat(success.username()).isEqualTo("alice");
        assertThat(success.msk()).isEmpty();
        assertThat(peer.msk()).isEmpty();
        assertThat(method.generatesMsk()).isFalse();
    }

    @Test
    void challengeIsSixteenRandomOctetsWithTheGivenIdentifier() {
        EapPacket request = challenge(server("alice"));
        assertThat(request.identifier()).isEqualTo(FIRST_ID);
        assertThat(request.type()).isEqualTo(EapType.MD5_CHALLENGE);
        // CountingRandom yields 00 01 .. 0f: the challenge comes from the context's SecureRandom
        assertThat(Md5Data.decode(request.typeData()).orElseThrow().value())
                .isEqualTo(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"));
    }

    @Test
    void peerAnswersWithTheRfc1994HashAndItsName() {
        EapPacket response = peer("alice", PASSWORD).respond(challenge(server("alice"))).toCompletableFuture().join();
        Md5Data data = Md5Data.decode(response.typeData()).orElseThrow();
        assertThat(response.identifier()).isEqualTo(FIRST_ID);
        // the known answer of ChapMd5Test: same identifier, password and challenge
        assertThat(HexFormat.of().formatHex(data.value())).isEqualTo("a2b6861b770b1c8f0c726ebaf55cc898");
        assertThat(data.nameText()).isEqualTo("alice");
    }

    @Test
    void wrongPasswordFails() {
        EapStep step = run(server("alice"), peer("alice", "guess"));
        assertThat(step).isEqualTo(new EapStep.Failure("alice", "wrong password"));
    }

    @Test
    void unknownUserFails() {
        EapStep step = run(server("mallory"), peer("mallory", PASSWORD));
        assertThat(step).isEqualTo(new EapStep.Failure("mallory", "no such user"));
    }

    @Test
    void hashedPasswordFailsWithAReasonTheOperatorCanActOn() {
        EapStep step = run(server("carol"), peer("carol", PASSWORD));
        assertThat(step).isInstanceOf(EapStep.Failure.class);
        assertThat(((EapStep.Failure) step).reason())
                .contains("stored hashed").contains("EAP-MD5 needs a reversibly stored");
    }

    @Test
    void unavailableStoreFails() {
        store.down("RADIUS server 10.1.0.9 timed out");
        EapStep step = run(server("alice"), peer("alice", PASSWORD));
        assertThat(((EapStep.Failure) step).reason()).contains("unavailable").contains("timed out");
    }

    @Test
    void storeErrorBecomesAFailureNotAnException() {
        store.broken();
        EapStep step = run(server("alice"), peer("alice", PASSWORD));
        assertThat(((EapStep.Failure) step).reason()).contains("credential store failed");
    }

    @Test
    void responseWithAnotherIdentifierFails() {
        EapAuthenticator server = server("alice");
        EapPacket good = peer("alice", PASSWORD).respond(challenge(server)).toCompletableFuture().join();
        EapPacket wrongId = EapPacket.response(FIRST_ID + 1, EapType.MD5_CHALLENGE, good.typeData());
        EapStep step = server.process(wrongId).toCompletableFuture().join();
        assertThat(((EapStep.Failure) step).reason()).contains("request id " + FIRST_ID);
        assertThat(store.lookups()).isZero();
    }

    @Test
    void truncatedResponseFails() {
        EapAuthenticator server = server("alice");
        byte[] good = peer("alice", PASSWORD).respond(challenge(server)).toCompletableFuture().join().typeData();
        byte[] shortValue = good.clone();
        shortValue[0] = 15;
        EapStep step = server.process(EapPacket.response(FIRST_ID, EapType.MD5_CHALLENGE, shortValue))
                .toCompletableFuture().join();
        assertThat(((EapStep.Failure) step).reason()).contains("malformed EAP-MD5 response");
    }

    @Test
    void valueSizePastTheEndFails() {
        byte[] bad = new byte[10];
        bad[0] = 16;
        EapStep step = answer(server("alice"), EapPacket.response(FIRST_ID, EapType.MD5_CHALLENGE, bad));
        assertThat(((EapStep.Failure) step).reason()).contains("malformed EAP-MD5 response");
    }

    @Test
    void nakNamesTheProposedTypes() {
        EapStep step = answer(server("alice"), EapPacket.response(FIRST_ID, EapType.NAK, new byte[] {26, 6}));
        assertThat(((EapStep.Failure) step).reason())
                .isEqualTo("peer refused EAP-MD5 (Nak) and proposed 26 (mschapv2), 6 (gtc)");
    }

    @Test
    void nakWithoutAlternativeSaysSo() {
        EapStep step = answer(server("alice"), EapPacket.response(FIRST_ID, EapType.NAK, new byte[] {0}));
        assertThat(((EapStep.Failure) step).reason()).endsWith("proposed no other method");
    }

    @Test
    void responseOfAnotherTypeFails() {
        EapStep step = answer(server("alice"), EapPacket.response(FIRST_ID, EapType.GTC, new byte[] {1}));
        assertThat(((EapStep.Failure) step).reason()).contains("got type 6");
    }

    @Test
    void secondResponseAfterTheVerdictFails() {
        EapAuthenticator server = server("alice");
        EapPacket response = peer("alice", PASSWORD).respond(challenge(server)).toCompletableFuture().join();
        assertThat(server.process(response).toCompletableFuture().join()).isInstanceOf(EapStep.Success.class);
        assertThat(server.process(response).toCompletableFuture().join()).isInstanceOf(EapStep.Failure.class);
    }

    @Test
    void peerRefusesMalformedChallenge() {
        EapPeer peer = peer("alice", PASSWORD);
        EapPacket bad = EapPacket.request(1, EapType.MD5_CHALLENGE, new byte[] {0});
        assertThatThrownBy(() -> peer.respond(bad).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(EapPeerException.class);
        EapPacket otherType = EapPacket.request(1, EapType.GTC, new byte[0]);
        assertThatThrownBy(() -> peer.respond(otherType).toCompletableFuture().join())
                .hasCauseInstanceOf(EapPeerException.class);
    }

    @Test
    void peerWipesThePasswordItWasGiven() {
        Secret given = Secret.copyOf(PASSWORD.getBytes(StandardCharsets.UTF_8));
        EapPeer peer = method.newPeer(new EapPeerContext("alice", () -> given, new CountingRandom(), Map.of()));
        peer.respond(challenge(server("alice"))).toCompletableFuture().join();
        assertThat(given.isWiped()).isTrue();
    }

    @Test
    void noSecretInLogsOrToString() {
        String hash = "a2b6861b770b1c8f0c726ebaf55cc898";
        try (CapturedLog log = new CapturedLog()) {
            EapAuthenticator server = server("alice");
            EapPacket request = challenge(server);
            EapPacket response = peer("alice", PASSWORD).respond(request).toCompletableFuture().join();
            EapStep step = server.process(response).toCompletableFuture().join();
            run(server("alice"), peer("alice", "guess-pass"));
            String everything = log.text() + request + response + step + Md5Data.decode(response.typeData());
            assertThat(log.text()).contains("EAP-MD5 authenticated 'alice'");
            assertThat(everything).doesNotContain(PASSWORD).doesNotContain("guess-pass").doesNotContainIgnoringCase(hash);
        }
    }
}
