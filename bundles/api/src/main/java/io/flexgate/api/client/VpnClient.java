package io.flexgate.api.client;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Client sessions to IKEv2 headends, by name. Thread-safe.
 */
@ProviderType
public interface VpnClient {

    /**
     * Starts a session; completes when it is up ({@link ClientSessionInfo.State#CONNECTED}) or has failed
     * ({@link ClientSessionInfo.State#FAILED}, with the reason in {@link ClientSessionInfo#detail()}). The
     * request's password is wiped once the conversation has used it.
     *
     * @throws IllegalArgumentException when a session of that name exists or the request cannot be used (the
     *                                  message says why: no such CA file, no EAP method of that name)
     */
    CompletionStage<ClientSessionInfo> connect(ConnectRequest request);

    /** The sessions now, in the order they were started (failed and ended ones until they are replaced). */
    List<ClientSessionInfo> sessions();

    /**
     * Sends DELETE and removes the session's tunnel; completes when the headend answered or its retransmissions
     * ran out. Empty when there is no session of that name.
     */
    Optional<CompletionStage<ClientSessionInfo>> disconnect(String name);
}
