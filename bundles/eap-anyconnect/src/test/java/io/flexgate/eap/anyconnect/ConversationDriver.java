package io.flexgate.eap.anyconnect;

import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapStep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Plays the IKEv2 engine between an authenticator and a peer in process: every packet goes through its
 * wire form ({@link EapPacket#encode()} and {@link EapPacket#decode}), and a test may replace a response.
 */
final class ConversationDriver {

    /** More rounds than hello, auth-request, complete means the conversation does not end. */
    static final int MAX_ROUNDS = 6;

    /** What happened: the final step and the requests the peer saw. */
    record Outcome(EapStep step, List<EapPacket> requests) {
    }

    private ConversationDriver() {
    }

    static Outcome run(EapAuthenticator server, EapPeer peer) {
        return run(server, peer, (round, response) -> response);
    }

    /**
     * @param tamper given the round (0 for the answer to hello) and the peer's response on the wire,
     *               returns the bytes the authenticator gets
     */
    static Outcome run(EapAuthenticator server, EapPeer peer, BiFunction<Integer, byte[], byte[]> tamper) {
        List<EapPacket> requests = new ArrayList<>();
        EapStep step = server.start(7).toCompletableFuture().join();
        for (int round = 0; step instanceof EapStep.Continue next; round++) {
            if (round == MAX_ROUNDS) {
                throw new AssertionError("conversation did not end after " + MAX_ROUNDS + " rounds");
            }
            EapPacket request = EapPacket.decode(next.request().encode()).orElseThrow();
            requests.add(request);
            EapPacket response = peer.respond(request).toCompletableFuture().join();
            byte[] wire = tamper.apply(round, response.encode());
            step = server.process(EapPacket.decode(wire).orElseThrow()).toCompletableFuture().join();
        }
        return new Outcome(step, requests);
    }
}
