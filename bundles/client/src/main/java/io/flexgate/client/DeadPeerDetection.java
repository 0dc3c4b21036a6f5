package io.flexgate.client;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * RFC 7296 section 2.4: run every interval; when nothing came from the headend through the tunnel since the last
 * run (or there is no tunnel), an empty INFORMATIONAL asks whether it is alive. The initiator's retransmissions
 * decide, and end the session ("the headend stopped answering") if every one goes unanswered.
 */
final class DeadPeerDetection implements Runnable {

    private final ClientSession session;
    private final Supplier<Optional<ClientTunnel>> tunnel;
    private long lastDecrypted = -1;

    DeadPeerDetection(ClientSession session, Supplier<Optional<ClientTunnel>> tunnel) {
        this.session = session;
        this.tunnel = tunnel;
    }

    @Override
    public void run() {
        long decrypted = tunnel.get().map(t -> t.counters().packetsDecrypted()).orElse(-1L);
        if (decrypted < 0 || decrypted == lastDecrypted) {
            session.dpd();
        }
        lastDecrypted = decrypted;
    }
}
