package io.flexgate.api.eap;

import io.flexgate.api.aaa.CredentialStore;
import java.security.SecureRandom;
import java.util.Map;

/**
 * What an authenticator conversation gets from the IKEv2 engine.
 *
 * @param sessionId    the session's id, for log lines ({@code SESSION ID = n})
 * @param identity     the EAP identity (from EAP-Identity) or, when none was asked, the peer's IKE identity
 * @param credentials  the store of the profile's authentication method list
 * @param random       randomness for challenges (deterministic in tests)
 * @param parameters   profile settings the method may read, never secrets; keys are documented by each
 *                     method (for example {@code anyconnect.profile} names the AnyConnect XML profile)
 */
public record EapServerContext(long sessionId, String identity, CredentialStore credentials, SecureRandom random,
        Map<String, String> parameters) {

    public EapServerContext {
        parameters = Map.copyOf(parameters);
    }
}
