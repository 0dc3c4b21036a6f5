package io.flexgate.ikev2.initiator;

import io.flexgate.ikev2.message.NotifyType;
import java.util.Optional;

/** How connecting ended. */
public sealed interface InitiatorResult {

    /** The IKE SA and its first CHILD_SA are up. */
    record Established(TunnelParameters tunnel) implements InitiatorResult {
    }

    /**
     * Connecting failed.
     *
     * @param reason  what kind of failure, for counting (load mode) and the exit code
     * @param notifyType the headend's error notify, when it sent one
     * @param message one sentence for the user; no secrets
     */
    record Failed(Reason reason, Optional<NotifyType> notifyType, String message) implements InitiatorResult {
    }

    /** Failure kinds. */
    enum Reason {
        /** The headend answered with an error notify (NO_PROPOSAL_CHOSEN, AUTHENTICATION_FAILED, ...). */
        REFUSED,
        /** EAP ended with EAP-Failure or the method gave up (wrong password). */
        AUTHENTICATION_FAILED,
        /** The server's certificate, name or signature did not check out. */
        SERVER_NOT_TRUSTED,
        /** No answer after every retransmission. */
        TIMEOUT,
        /** The headend's messages broke the protocol. */
        PROTOCOL_ERROR
    }
}
