package io.flexgate.api.eap;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The authenticator (server) side of one EAP conversation, created by {@link EapMethod#newAuthenticator}.
 *
 * <p>Threading: the IKEv2 engine calls {@link #start} and {@link #process} from the IKE SA's serial
 * executor, one call at a time and never before the previous stage completed. A returned stage may
 * complete on any thread (for example a RADIUS or credential store thread); the engine moves the result
 * back onto its executor. Failure: a stage that completes exceptionally is treated as
 * {@link EapStep.Failure} with the exception's message as reason.
 */
@ConsumerType
public interface EapAuthenticator extends AutoCloseable {

    /**
     * The first request of the method (the engine has already done EAP-Identity when configured).
     *
     * @param identifier the identifier to put in the request
     */
    CompletionStage<EapStep> start(int identifier);

    /**
     * Processes the peer's response to the last request.
     *
     * @param response a response whose identifier matched the last request; a Nak (type 3) arrives here
     *                 too, so the method can say which of the peer's proposals it cannot serve
     */
    CompletionStage<EapStep> process(EapPacket response);

    /** Wipes any secret the conversation still holds. Idempotent. */
    @Override
    void close();
}
