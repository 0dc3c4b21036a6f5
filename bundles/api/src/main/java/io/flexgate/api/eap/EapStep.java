package io.flexgate.api.eap;

import io.flexgate.api.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one authenticator step: another request to send, or the end of the conversation.
 */
public sealed interface EapStep {

    /** Send {@code request} to the peer and wait for its response. */
    record Continue(EapPacket request) implements EapStep {
    }

    /**
     * The peer is authenticated.
     *
     * @param username   the authenticated user name, as the AAA lists and the session show it
     * @param msk        the Master Session Key when the method derives one (RFC 7296 section 2.16)
     * @param attributes method-specific facts for the session (for example the AnyConnect session id);
     *                   never secrets
     */
    record Success(String username, Optional<Secret> msk, Map<String, String> attributes) implements EapStep {
        public Success {
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * The peer is not authenticated.
     *
     * @param username the user name the peer claimed, for the log line (may be empty)
     * @param reason   one human sentence for the log, never containing a secret
     */
    record Failure(String username, String reason) implements EapStep {
    }
}
