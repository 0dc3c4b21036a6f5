package io.flexgate.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Lifecycle events of sessions, delivered to every registered listener (dynamic, multiple): accounting
 * (RADIUS Start/Interim/Stop), logs, NAT. Called from engine threads; a listener must not block (queue
 * work of its own) and an exception it throws is logged and does not affect the session or other
 * listeners.
 */
@ConsumerType
public interface SessionListener {

    /** The session is established (address assigned, CHILD_SA installed). */
    void sessionUp(SessionInfo session);

    /** An IKE or CHILD SA of the session was rekeyed. */
    default void sessionRekeyed(SessionInfo session) {
    }

    /** Periodic update for interim accounting (counters fresh). */
    default void sessionInterim(SessionInfo session) {
    }

    /** The session is gone; {@code session} holds its final counters. */
    void sessionDown(SessionInfo session, DownReason reason);

    /** Why a session ended; maps to RADIUS Acct-Terminate-Cause. */
    enum DownReason {
        /** The peer sent DELETE (User-Request). */
        PEER_DELETE,
        /** Dead peer detection gave up (Lost-Carrier). */
        DPD_TIMEOUT,
        /** {@code crypto:clear-session} (Admin-Reset). */
        OPERATOR_CLEAR,
        /** A RADIUS Disconnect-Request (Admin-Reset). */
        DISCONNECT_REQUEST,
        /** INITIAL_CONTACT from the same identity replaced it (User-Request). */
        REPLACED,
        /** The hard lifetime expired without rekey (Session-Timeout). */
        LIFETIME_EXPIRED,
        /** FlexGate is stopping (Admin-Reboot). */
        SHUTDOWN,
        /** An internal error; logged where it happened (NAS-Error). */
        ERROR
    }
}
