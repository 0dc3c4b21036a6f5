package io.flexgate.api.eap;

import io.flexgate.api.Secret;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a peer conversation gets from the client.
 *
 * @param identity   the user name
 * @param password   asked when the method needs it (a prompt on a terminal, a stored value in load mode);
 *                   the conversation wipes what it got
 * @param random     randomness for the peer challenge (deterministic in tests)
 * @param parameters client settings the method may read (for example {@code anyconnect.group}); never secrets
 */
public record EapPeerContext(String identity, Supplier<Secret> password, SecureRandom random,
        Map<String, String> parameters) {

    public EapPeerContext {
        parameters = Map.copyOf(parameters);
    }
}
