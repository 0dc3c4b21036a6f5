package io.flexgate.api.eap;

import io.flexgate.api.Secret;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The peer (client) side of one EAP conversation, created by {@link EapMethod#newPeer}.
 *
 * <p>Threading as for {@link EapAuthenticator}: one call at a time from the client's SA executor.
 */
@ConsumerType
public interface EapPeer extends AutoCloseable {

    /**
     * Answers one request of this method.
     *
     * @return the response to send; completes exceptionally with {@link EapPeerException} when the
     *         server's request is malformed or fails the server's own authentication (MSCHAPv2's
     *         authenticator response), with a message for the user
     */
    CompletionStage<EapPacket> respond(EapPacket request);

    /** Called when the server sent EAP-Success: the MSK, when the method derives one. */
    Optional<Secret> msk();

    @Override
    void close();
}
