package io.flexgate.ikev2.initiator;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapType;
import io.flexgate.ikev2.crypto.AuthMethod;
import io.flexgate.ikev2.crypto.Prf;
import io.flexgate.ikev2.crypto.SharedKeyAuth;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.EapPayload;
import io.flexgate.ikev2.message.IkeMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer side of the EAP conversation inside IKE_AUTH (RFC 7296 section 2.16): EAP-Identity is answered with the
 * configured user name, a method we do not speak with a Nak for ours (RFC 3748 section 5.3.1), our method by its
 * peer, for a bounded number of round trips. After EAP-Success it holds the MSK, the key of the two AUTH payloads
 * that end IKE_AUTH (SK_pi and SK_pr stand in when the method has none). Owned by the session's executor.
 */
final class EapConversation {

    private static final Logger LOG = LoggerFactory.getLogger(EapConversation.class);

    /** EAP round trips before we give up (bounded work against a misbehaving headend). */
    static final int MAX_EAP_ROUNDS = 16;

    /** What the session does next with the headend's EAP message. */
    sealed interface Step {
        /** Send this EAP response now. */
        record Send(EapPacket packet) implements Step {
        }

        /** Our method answers when this completes (it may ask for the password): send its answer then. */
        record Await(CompletionStage<EapPacket> answer) implements Step {
        }

        /** EAP-Success: the final AUTH follows. */
        record Succeeded() implements Step {
        }

        /** The conversation ended without success. */
        record Failed(InitiatorResult.Reason reason, String message) implements Step {
        }
    }

    private final InitiatorConfig config;
    private final SecureRandom random;
    private EapPeer peer;
    private int rounds;
    private Secret msk;

    EapConversation(InitiatorConfig config, SecureRandom random) {
        this.config = config;
        this.random = random;
    }

    /** Our method's peer, once the headend asked for that method. */
    Optional<EapPeer> peer() {
        return Optional.ofNullable(peer);
    }

    /** The step for the EAP message of an IKE_AUTH response that carries no error notify. */
    Step next(IkeMessage response) {
        Optional<EapPacket> packet = response.first(EapPayload.class)
                .flatMap(p -> EapPacket.decode(p.message().toByteArray()));
        if (packet.isEmpty()) {
            return new Step.Failed(InitiatorResult.Reason.PROTOCOL_ERROR,
                    "IKE_AUTH response without a valid EAP message");
        }
        EapPacket request = packet.get();
        if (request.code() == EapCode.FAILURE) {
            return new Step.Failed(InitiatorResult.Reason.AUTHENTICATION_FAILED, "authentication failed (EAP-Failure)");
        }
        if (request.code() == EapCode.SUCCESS) {
            msk = peer == null ? null : peer.msk().orElse(null);
            return new Step.Succeeded();
        }
        if (request.code() != EapCode.REQUEST || ++rounds > MAX_EAP_ROUNDS) {
            return new Step.Failed(InitiatorResult.Reason.PROTOCOL_ERROR, "unexpected EAP " + request.code());
        }
        if (request.type().equals(EapType.IDENTITY)) {
            return new Step.Send(EapPacket.response(request.identifier(), EapType.IDENTITY,
                    config.eapIdentity().getBytes(StandardCharsets.UTF_8)));
        }
        if (peer == null) {
            if (!request.type().equals(config.eapMethod().type())) {
                if (request.type().isExpanded() || config.eapMethod().type().isExpanded()) {
                    return new Step.Failed(InitiatorResult.Reason.AUTHENTICATION_FAILED, "the headend asks for EAP"
                            + " type " + request.type() + ", we speak " + config.eapMethod().name());
                }
                LOG.info("Headend offers {}; answering Nak for {}", request.type(), config.eapMethod().name());
                return new Step.Send(EapPacket.response(request.identifier(), EapType.NAK,
                        new byte[] {(byte) config.eapMethod().type().type()}));
            }
            peer = config.eapMethod().newPeer(new EapPeerContext(config.eapIdentity(), config.password(), random,
                    config.eapParameters()));
            LOG.info("Starting EAP-{} as '{}'", config.eapMethod().name(), config.eapIdentity());
        }
        return new Step.Await(peer.respond(request));
    }

    /** The step when our method's answer failed (a wrong password, the headend's failed authenticator response). */
    Step.Failed failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new Step.Failed(InitiatorResult.Reason.AUTHENTICATION_FAILED, "EAP-" + config.eapMethod().name() + ": "
                + cause.getMessage());
    }

    /** Whether the method gave an MSK; without one the final AUTH payloads are keyed with SK_pi and SK_pr. */
    boolean hasMsk() {
        return msk != null;
    }

    /** Our final AUTH data over our signed octets (RFC 7296 section 2.16). */
    byte[] auth(Prf prf, Secret skPi, byte[] octets) {
        return new SharedKeyAuth(prf).compute(SharedKeyAuth.eapSharedSecret(msk, skPi), octets);
    }

    /** Whether the headend's final AUTH is the MIC over its signed octets. */
    boolean verifies(Prf prf, Secret skPr, byte[] octets, AuthPayload auth) {
        return auth.method().equals(AuthMethod.SHARED_KEY_MIC) && new SharedKeyAuth(prf).verify(
                SharedKeyAuth.eapSharedSecret(msk, skPr), octets, auth.data().toByteArray());
    }

    /** Ends the method and wipes the MSK. */
    void close() {
        if (peer != null) {
            peer.close();
        }
        if (msk != null) {
            msk.wipe();
        }
    }
}
