package io.flexgate.eap.mschapv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** EAP-MSCHAPv2 peer against authenticator in process, and each against strongSwan's packets. */
class MsChapV2ConversationTest {

    private static final String PASSWORD = "s3cret-Pa55";
    private static final int FIRST_ID = 10;
    private static final int MAX_ROUNDS = 10;

    private final NtHashStore store = new NtHashStore().user("alice", PASSWORD)
            .user(StrongSwanCapture.USER + "2", StrongSwanCapture.PASSWORD).withoutNtHash("carol");
    /** Every request the server sent in the last run, in order. */
    private final List<EapPacket> requests = new ArrayList<>();

    private static MsChapV2Method method(int retries) {
        return new MsChapV2Method(new MsChapV2Method.Settings(retries, "FlexGate"));
    }

    private EapAuthenticator server(MsChapV2Method method, String identity, SecureRandom random) {
        return method.newAuthenticator(new EapServerContext(42, identity, store, random, Map.of()));
    }

    private static EapPeer peer(String identity, String... passwords) {
        Deque<String> answers = new ArrayDeque<>(List.of(passwords));
        return method(0).newPeer(new EapPeerContext(identity,
                () -> Secret.copyOf(answers.poll().getBytes(StandardCharsets.UTF_8)), new SecureRandom(), Map.of()));
    }

    private EapStep run(EapAuthenticator server, EapPeer peer) {
        EapStep step = server.start(FIRST_ID).toCompletableFuture().join();
        for (int round = 0; round < MAX_ROUNDS && step instanceof EapStep.Continue next; round++) {
            requests.add(next.request());
            step = server.process(peer.respond(next.request()).toCompletableFuture().join()).toCompletableFuture().join();
        }
        return step;
    }

    private EapStep run(String identity, String... passwords) {
        return run(server(method(0), identity, new SecureRandom()), peer(identity, passwords));
    }

    private static MsChapV2Packet body(EapPacket packet) {
        return MsChapV2Packet.decode(packet.code(), packet.typeData()).orElseThrow();
    }

    private static String reason(EapStep step) {
        assertThat(step).isInstanceOf(EapStep.Failure.class);
        return ((EapStep.Failure) step).reason();
    }

    private static EapPacket challenge(EapAuthenticator server) {
        return ((EapStep.Continue) server.start(FIRST_ID).toCompletableFuture().join()).request();
    }

    private static EapStep answer(EapAuthenticator server, EapPacket response) {
        return server.process(response).toCompletableFuture().join();
    }

    private static EapPacket reply(EapPacket request, MsChapV2Packet packet) {
        return EapPacket.response(request.identifier(), EapType.MSCHAPV2, packet.encode());
    }

    @Test
    void rightPasswordSucceedsWithTheSameMskOnBothSides() {
        EapPeer peer = peer("alice", PASSWORD);
        EapStep step = run(server(method(0), "alice", new SecureRandom()), peer);
        assertThat(step).isInstanceOf(EapStep.Success.class);
        EapStep.Success success = (EapStep.Success) step;
        assertThat(success.username()).isEqualTo("alice");
        byte[] serverMsk = success.msk().orElseThrow().bytes();
        assertThat(serverMsk).hasSize(64);
        assertThat(peer.msk().orElseThrow().bytes()).isEqualTo(serverMsk);
        assertThat(requests).extracting(EapPacket::identifier).containsExactly(FIRST_ID, FIRST_ID + 1);
        assertThat(store.lastHandedOut().isWiped()).isTrue();
    }

    @Test
    void domainPrefixedNameAuthenticatesTheUser() {
        EapStep step = run(server(method(0), "CORP\\alice", new SecureRandom()), peer("CORP\\alice", PASSWORD));
        assertThat(((EapStep.Success) step).username()).isEqualTo("alice");
    }

    /** The server's side of frames 7-10: strongSwan's client Response must yield strongSwan's S= and MSK. */
    @Test
    void serverAcceptsTheStrongSwanClient() {
        store.user(StrongSwanCapture.USER, StrongSwanCapture.PASSWORD);
        EapAuthenticator server = server(method(0), "alice", new ScriptedRandom(StrongSwanCapture.AUTH_CHALLENGE));
        EapPacket challenge = ((EapStep.Continue) server.start(129).toCompletableFuture().join()).request();
        assertThat(((MsChapV2Packet.Challenge) body(challenge)).challenge()).isEqualTo(StrongSwanCapture.AUTH_CHALLENGE);
        EapStep step = answer(server, EapPacket.decode(StrongSwanCapture.RESPONSE_EAP).orElseThrow());
        EapPacket success = ((EapStep.Continue) step).request();
        assertThat(success.identifier()).isEqualTo(130);
        assertThat(((MsChapV2Packet.SuccessRequest) body(success)).message())
                .isEqualTo(StrongSwanCapture.AUTHENTICATOR_RESPONSE + " M=Authentication succeeded");
        EapStep done = answer(server, EapPacket.decode(StrongSwanCapture.SUCCESS_ACK_EAP).orElseThrow());
        assertThat(((EapStep.Success) done).msk().orElseThrow().bytes()).isEqualTo(StrongSwanCapture.MSK);
    }

    /** The peer's side of frames 7-10: byte-identical Response, strongSwan's S= accepted, the same MSK. */
    @Test
    void peerAnswersTheStrongSwanServerLikeStrongSwan() {
        EapPeer peer = method(0).newPeer(new EapPeerContext(StrongSwanCapture.USER,
                () -> Secret.copyOf(StrongSwanCapture.PASSWORD.getBytes(StandardCharsets.UTF_8)),
                new ScriptedRandom(StrongSwanCapture.PEER_CHALLENGE), Map.of()));
        EapPacket response = peer.respond(EapPacket.decode(StrongSwanCapture.CHALLENGE_EAP).orElseThrow())
                .toCompletableFuture().join();
        assertThat(response.encode()).isEqualTo(StrongSwanCapture.RESPONSE_EAP);
        assertThat(peer.msk()).isEmpty();
        EapPacket ack = peer.respond(EapPacket.decode(StrongSwanCapture.SUCCESS_EAP).orElseThrow())
                .toCompletableFuture().join();
        assertThat(ack.encode()).isEqualTo(StrongSwanCapture.SUCCESS_ACK_EAP);
        assertThat(peer.msk().orElseThrow().bytes()).isEqualTo(StrongSwanCapture.MSK);
    }

    @Test
    void wrongPasswordGetsE691R0AndEndsAfterThePeersFailureResponse() {
        EapAuthenticator server = server(method(0), "alice", new ScriptedRandom());
        EapStep step = run(server, peer("alice", "guess"));
        assertThat(reason(step)).isEqualTo("wrong password");
        MsChapV2Packet.FailureRequest failure = (MsChapV2Packet.FailureRequest) body(requests.get(1));
        // ScriptedRandom without a script counts 00 01 .. 0f: the challenge of the start request
        assertThat(failure.message()).isEqualTo("E=691 R=0 C=000102030405060708090A0B0C0D0E0F V=3 M=Authentication failed");
        assertThat(failure.msChapV2Id()).isEqualTo(FIRST_ID);
        assertThat(requests).hasSize(2);
    }

    @Test
    void unknownUserLooksLikeAWrongPasswordOnTheWire() {
        EapStep step = run("mallory", PASSWORD);
        assertThat(reason(step)).isEqualTo("no such user");
        assertThat(((MsChapV2Packet.FailureRequest) body(requests.get(1))).message()).startsWith("E=691 R=0 C=");
    }

    @Test
    void retryWithANewChallengeThenSuccess() {
        EapAuthenticator server = server(method(1), "alice", new ScriptedRandom());
        EapPeer peer = peer("alice", "typo", PASSWORD);
        EapStep step = run(server, peer);
        assertThat(step).isInstanceOf(EapStep.Success.class);
        MsChapV2Packet.FailureRequest retry = (MsChapV2Packet.FailureRequest) body(requests.get(1));
        assertThat(retry.message()).isEqualTo("E=691 R=1 C=101112131415161718191A1B1C1D1E1F V=3 M=Authentication failed");
        assertThat(((MsChapV2Packet.SuccessRequest) body(requests.get(2))).msChapV2Id()).isEqualTo(FIRST_ID + 1);
        assertThat(requests).extracting(EapPacket::identifier).containsExactly(FIRST_ID, FIRST_ID + 1, FIRST_ID + 2);
        assertThat(peer.msk().orElseThrow().bytes()).isEqualTo(((EapStep.Success) step).msk().orElseThrow().bytes());
    }

    @Test
    void retriesRunOutWithR0() {
        EapStep step = run(server(method(2), "alice", new SecureRandom()), peer("alice", "a", "b", "c"));
        assertThat(reason(step)).isEqualTo("wrong password");
        assertThat(requests).hasSize(4);
        assertThat(requests.subList(1, 4)).extracting(r -> ((MsChapV2Packet.FailureRequest) body(r)).message())
                .allMatch(m -> m.startsWith("E=691"))
                .extracting(m -> m.substring(0, 9)).containsExactly("E=691 R=1", "E=691 R=1", "E=691 R=0");
    }

    @Test
    void peerGivesUpAfterItsOwnRetryLimitAndTheServerEndsCleanly() {
        EapStep step = run(server(method(MsChapV2Method.MAX_RETRIES), "alice", new SecureRandom()),
                peer("alice", "a", "b", "c", "d", "e", "f"));
        assertThat(reason(step)).isEqualTo("wrong password; the peer did not retry");
        assertThat(requests).hasSize(1 + MsChapV2Peer.MAX_RETRIES + 1);
    }

    @Test
    void userWithoutNtHashFailsAtOnceWithTheStoresReason() {
        EapStep step = run("carol", PASSWORD);
        assertThat(reason(step)).contains("no NT hash stored for user 'carol'").contains("bcrypt");
        assertThat(requests).hasSize(1);
    }

    @Test
    void unavailableStoreFailsAtOnce() {
        store.down("RADIUS group timed out");
        assertThat(reason(run("alice", PASSWORD))).isEqualTo("credential store unavailable: RADIUS group timed out");
    }

    @Test
    void storeErrorBecomesAFailure() {
        store.broken();
        assertThat(reason(run("alice", PASSWORD))).startsWith("credential store failed");
    }

    @Test
    void peerRefusesAServerThatDoesNotKnowThePassword() {
        EapPeer peer = peer("alice", PASSWORD);
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        EapPacket challenge = challenge(server);
        EapPacket response = peer.respond(challenge).toCompletableFuture().join();
        byte[] forged = new byte[20];
        EapPacket fake = EapPacket.request(FIRST_ID + 1, EapType.MSCHAPV2, new MsChapV2Packet.SuccessRequest(
                FIRST_ID, MsChapV2Text.success(forged, "Welcome")).encode());
        assertThat(response.code()).isEqualTo(EapCode.RESPONSE);
        assertThatThrownBy(() -> peer.respond(fake).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(EapPeerException.class)
                .hasMessageContaining("authenticator response mismatch");
        assertThat(peer.msk()).isEmpty();
    }

    @Test
    void peerRefusesSuccessWithoutAuthenticatorOrBeforeAnyResponse() {
        EapPacket success = EapPacket.decode(StrongSwanCapture.SUCCESS_EAP).orElseThrow();
        assertThatThrownBy(() -> peer("alice", PASSWORD).respond(success).toCompletableFuture().join())
                .hasCauseInstanceOf(EapPeerException.class).hasMessageContaining("before any Response");
        EapPeer peer = peer("alice", PASSWORD);
        peer.respond(EapPacket.decode(StrongSwanCapture.CHALLENGE_EAP).orElseThrow()).toCompletableFuture().join();
        EapPacket noS = EapPacket.request(2, EapType.MSCHAPV2, new MsChapV2Packet.SuccessRequest(1, "M=hi").encode());
        assertThatThrownBy(() -> peer.respond(noS).toCompletableFuture().join())
                .hasCauseInstanceOf(EapPeerException.class).hasMessageContaining("no valid S=");
    }

    @Test
    void peerRefusesMalformedAndForeignRequests() {
        EapPeer peer = peer("alice", PASSWORD);
        byte[] challenge = EapPacket.decode(StrongSwanCapture.CHALLENGE_EAP).orElseThrow().typeData();
        challenge[3]--;
        assertThatThrownBy(() -> peer.respond(EapPacket.request(1, EapType.MSCHAPV2, challenge))
                .toCompletableFuture().join()).hasCauseInstanceOf(EapPeerException.class);
        assertThatThrownBy(() -> peer.respond(EapPacket.request(1, EapType.GTC, new byte[0]))
                .toCompletableFuture().join()).hasCauseInstanceOf(EapPeerException.class);
    }

    @Test
    void responseWithAnotherEapIdentifierFails() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        EapPacket response = peer("alice", PASSWORD).respond(challenge(server)).toCompletableFuture().join();
        EapPacket wrongId = EapPacket.response(FIRST_ID + 5, EapType.MSCHAPV2, response.typeData());
        assertThat(reason(answer(server, wrongId))).contains("request id " + FIRST_ID);
    }

    @Test
    void responseWithAnotherMsChapV2IdFails() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        EapPacket request = challenge(server);
        MsChapV2Packet.Response good = (MsChapV2Packet.Response) body(
                peer("alice", PASSWORD).respond(request).toCompletableFuture().join());
        EapPacket wrongMsId = reply(request, new MsChapV2Packet.Response(FIRST_ID + 1, good.peerChallenge(),
                good.ntResponse(), good.name()));
        assertThat(reason(answer(server, wrongMsId))).contains("MS-CHAPv2-ID " + (FIRST_ID + 1));
    }

    @Test
    void malformedResponsesFail() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        EapPacket request = challenge(server);
        byte[] good = peer("alice", PASSWORD).respond(request).toCompletableFuture().join().typeData();
        byte[] badValueSize = good.clone();
        badValueSize[4] = 16;
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.MSCHAPV2, badValueSize))))
                .contains("malformed EAP-MSCHAPv2 response");
        EapAuthenticator second = server(method(0), "alice", new SecureRandom());
        challenge(second);
        byte[] truncated = java.util.Arrays.copyOf(good, 20);
        assertThat(reason(answer(second, EapPacket.response(FIRST_ID, EapType.MSCHAPV2, truncated))))
                .contains("malformed EAP-MSCHAPv2 response");
    }

    @Test
    void emptyNameFails() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        EapPacket request = challenge(server);
        EapPacket nameless = reply(request, new MsChapV2Packet.Response(FIRST_ID, new byte[16], new byte[24], ""));
        assertThat(reason(answer(server, nameless))).contains("no user name");
    }

    @Test
    void nakNamesTheProposedTypes() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        challenge(server);
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.NAK, new byte[] {6, 13}))))
                .isEqualTo("peer refused EAP-MSCHAPv2 (Nak) and proposed 6 (gtc), 13 (tls)");
    }

    @Test
    void changePasswordIsRefusedWithAReason() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        challenge(server);
        byte[] data = new byte[4 + 582];
        data[0] = MsChapV2Packet.CHANGE_PASSWORD;
        data[1] = FIRST_ID;
        data[2] = (byte) (data.length >> 8);
        data[3] = (byte) data.length;
        assertThat(reason(answer(server, EapPacket.response(FIRST_ID, EapType.MSCHAPV2, data))))
                .contains("Change-Password");
    }

    @Test
    void peerThatRejectsTheServersSuccessEndsWithFailure() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        EapPacket request = challenge(server);
        EapStep step = answer(server, peer("alice", PASSWORD).respond(request).toCompletableFuture().join());
        EapPacket success = ((EapStep.Continue) step).request();
        assertThat(reason(answer(server, reply(success, new MsChapV2Packet.FailureResponse()))))
                .contains("did not accept the server's authenticator response");
    }

    @Test
    void successAcknowledgementOutOfOrderFails() {
        EapAuthenticator server = server(method(0), "alice", new SecureRandom());
        EapPacket request = challenge(server);
        assertThat(reason(answer(server, reply(request, new MsChapV2Packet.SuccessResponse()))))
                .contains("unexpected EAP-MSCHAPv2 SuccessResponse");
    }

    @Test
    void noSecretInLogsOrToString() {
        store.user(StrongSwanCapture.USER, StrongSwanCapture.PASSWORD);
        List<Object> shown = new ArrayList<>();
        String logged;
        try (CapturedLog log = new CapturedLog()) {
            EapAuthenticator server = server(method(1), "alice", new ScriptedRandom(StrongSwanCapture.AUTH_CHALLENGE));
            EapPacket challenge = ((EapStep.Continue) server.start(129).toCompletableFuture().join()).request();
            EapStep success = answer(server, EapPacket.decode(StrongSwanCapture.RESPONSE_EAP).orElseThrow());
            EapStep done = answer(server, EapPacket.decode(StrongSwanCapture.SUCCESS_ACK_EAP).orElseThrow());
            EapStep failed = run(server(method(1), "alice", new SecureRandom()), peer("alice", "wrong-1", "wrong-2"));
            shown.addAll(List.of(challenge, success, done, failed, requests, store.lastHandedOut()));
            logged = log.text();
        }
        HexFormat hex = HexFormat.of();
        String everything = logged + shown;
        assertThat(logged).contains("MSK established").contains("E=691 R=0");
        assertThat(everything).doesNotContain(StrongSwanCapture.PASSWORD).doesNotContain("wrong-1")
                .doesNotContainIgnoringCase(hex.formatHex(MsChapV2Crypto.ntPasswordHash(
                        StrongSwanCapture.PASSWORD.toCharArray())))
                .doesNotContainIgnoringCase(hex.formatHex(StrongSwanCapture.MSK).substring(0, 32))
                .doesNotContainIgnoringCase("02163cddcf0fde40")
                .doesNotContainIgnoringCase(StrongSwanCapture.AUTHENTICATOR_RESPONSE.substring(2));
    }
}
