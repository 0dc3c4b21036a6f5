package io.flexgate.eap.mschapv2;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.CredentialStore.CredentialLookup;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticator side of EAP-MSCHAPv2. Challenge → Response, checked against the stored NT hash → Success
 * request with the authenticator response → the peer's Success response → {@link EapStep.Success} with the
 * MSK. A wrong password or unknown user (the wire cannot tell them apart) gets a Failure request: with
 * retries left "E=691 R=1" and a new challenge the peer answers with a new Response, otherwise "E=691 R=0",
 * which the peer acknowledges with a Failure response, as Windows clients expect. A store that cannot answer,
 * or has no NT hash for the user, ends the conversation at once (the engine sends EAP-Failure).
 */
final class MsChapV2Authenticator implements EapAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(MsChapV2Authenticator.class);

    static final String SUCCESS_MESSAGE = "Authentication succeeded";
    static final String FAILURE_MESSAGE = "Authentication failed";

    private enum State { NEW, AWAIT_RESPONSE, CHECKING, AWAIT_SUCCESS_ACK, AWAIT_FAILURE_ACK, DONE }

    private final EapServerContext context;
    private final MsChapV2Method.Settings settings;
    private final byte[] challenge = new byte[MsChapV2Crypto.CHALLENGE_LENGTH];
    private int identifier;
    private int msChapV2Id;
    private int retriesLeft;
    private State state = State.NEW;
    private String username;
    private String pendingReason;
    private Secret msk;

    MsChapV2Authenticator(EapServerContext context, MsChapV2Method.Settings settings) {
        this.context = context;
        this.settings = settings;
        this.username = context.identity();
        this.retriesLeft = settings.retries();
    }

    @Override
    public CompletionStage<EapStep> start(int identifier) {
        if (state != State.NEW) {
            return done("EAP-MSCHAPv2 conversation was already started");
        }
        context.random().nextBytes(challenge);
        this.identifier = identifier;
        this.msChapV2Id = identifier;
        state = State.AWAIT_RESPONSE;
        LOG.debug("session {}: EAP-MSCHAPv2 challenge to '{}' (id {})", context.sessionId(), username, identifier);
        return send(new MsChapV2Packet.Challenge(msChapV2Id, challenge, settings.authenticatorName()));
    }

    @Override
    public CompletionStage<EapStep> process(EapPacket response) {
        Optional<String> problem = framingProblem(response);
        if (problem.isPresent()) {
            return done(problem.get());
        }
        Optional<MsChapV2Packet> decoded = MsChapV2Packet.decode(EapCode.RESPONSE, response.typeData());
        if (decoded.isEmpty()) {
            return done("malformed EAP-MSCHAPv2 response (" + response.typeData().length + " octets) while " + state);
        }
        MsChapV2Packet packet = decoded.get();
        if (packet instanceof MsChapV2Packet.ChangePassword) {
            return done("the peer asked to change its password (MS-CHAPv2 Change-Password), which FlexGate does not"
                    + " support");
        }
        switch (state) {
            case AWAIT_RESPONSE:
                if (packet instanceof MsChapV2Packet.Response answer) {
                    return check(answer);
                }
                if (packet instanceof MsChapV2Packet.FailureResponse && pendingReason != null) {
                    // RFC 2759 section 6: a peer may decline the retry that R=1 offered
                    return done(pendingReason + "; the peer did not retry");
                }
                break;
            case AWAIT_SUCCESS_ACK:
                if (packet instanceof MsChapV2Packet.SuccessResponse) {
                    state = State.DONE;
                    LOG.debug("session {}: EAP-MSCHAPv2 authenticated '{}', MSK established", context.sessionId(),
                            username);
                    Secret key = msk;
                    msk = null;
                    return CompletableFuture.completedFuture(new EapStep.Success(username, Optional.of(key), Map.of()));
                }
                if (packet instanceof MsChapV2Packet.FailureResponse) {
                    return done("the peer did not accept the server's authenticator response");
                }
                break;
            case AWAIT_FAILURE_ACK:
                if (packet instanceof MsChapV2Packet.FailureResponse) {
                    return done(pendingReason);
                }
                return done(pendingReason + "; the peer then sent " + packet + " instead of a Failure response");
            default:
                break;
        }
        return done("unexpected EAP-MSCHAPv2 " + packet + " while " + state);
    }

    private Optional<String> framingProblem(EapPacket response) {
        if (state != State.AWAIT_RESPONSE && state != State.AWAIT_SUCCESS_ACK && state != State.AWAIT_FAILURE_ACK) {
            return Optional.of("EAP-MSCHAPv2 got a response while " + state);
        }
        if (response.code() != EapCode.RESPONSE || response.identifier() != identifier) {
            return Optional.of("EAP-MSCHAPv2 got " + response + " where the response to request id " + identifier
                    + " belongs");
        }
        if (EapType.NAK.equals(response.type())) {
            return Optional.of(nakReason(response.typeData()));
        }
        if (!EapType.MSCHAPV2.equals(response.type())) {
            return Optional.of("EAP-MSCHAPv2 expected a type 26 response, got type " + response.type());
        }
        return Optional.empty();
    }

    private CompletionStage<EapStep> check(MsChapV2Packet.Response answer) {
        if (answer.msChapV2Id() != msChapV2Id) {
            return done("EAP-MSCHAPv2 Response carries MS-CHAPv2-ID " + answer.msChapV2Id() + ", expected " + msChapV2Id);
        }
        // RFC 2759 section 8.2: the name hashed, and the name looked up, is the one without "DOMAIN\"
        String name = MsChapV2Crypto.userNameWithoutDomain(answer.name());
        if (name.isEmpty()) {
            return done("EAP-MSCHAPv2 Response carries no user name");
        }
        if (!name.equals(context.identity())) {
            LOG.debug("session {}: EAP-MSCHAPv2 name '{}' differs from the EAP identity '{}'", context.sessionId(),
                    answer.name(), context.identity());
        }
        username = name;
        state = State.CHECKING;
        CompletionStage<CredentialLookup> lookup;
        try {
            lookup = context.credentials().ntHash(name);
        } catch (RuntimeException e) {
            return done("credential store failed: " + e);
        }
        return lookup.handle((result, error) -> verdict(result, error, answer));
    }

    private EapStep verdict(CredentialLookup lookup, Throwable error, MsChapV2Packet.Response answer) {
        if (error != null) {
            return end("credential store failed: " + error);
        }
        if (lookup instanceof CredentialLookup.Found found) {
            return verify(found, answer);
        }
        if (lookup instanceof CredentialLookup.NoSuchUser) {
            return reject("no such user");
        }
        if (lookup instanceof CredentialLookup.NotAvailableInThisForm form) {
            return end("no NT hash stored for user '" + form.username() + "', which EAP-MSCHAPv2 needs (store: "
                    + form.reason() + ")");
        }
        if (lookup instanceof CredentialLookup.Unavailable unavailable) {
            return end("credential store unavailable: " + unavailable.reason());
        }
        return end("credential store gave no answer");
    }

    private EapStep verify(CredentialLookup.Found found, MsChapV2Packet.Response answer) {
        byte[] ntHash = found.value().bytes();
        found.value().wipe();
        try {
            if (ntHash.length != MsChapV2Crypto.NT_HASH_LENGTH) {
                return end("the credential store returned an NT hash of " + ntHash.length + " octets, not 16");
            }
            byte[] peerChallenge = answer.peerChallenge();
            byte[] received = answer.ntResponse();
            byte[] expected = MsChapV2Crypto.generateNtResponse(challenge, peerChallenge, answer.name(), ntHash);
            boolean match = MessageDigest.isEqual(expected, received);
            Arrays.fill(expected, (byte) 0);
            if (!match) {
                return reject("wrong password");
            }
            username = found.username();
            byte[] authenticator = MsChapV2Crypto.authenticatorResponse(ntHash, received, peerChallenge, challenge,
                    answer.name());
            byte[] key = MsChapV2Crypto.msk(ntHash, received);
            msk = Secret.copyOf(key);
            Arrays.fill(key, (byte) 0);
            String text = MsChapV2Text.success(authenticator, SUCCESS_MESSAGE);
            Arrays.fill(authenticator, (byte) 0);
            state = State.AWAIT_SUCCESS_ACK;
            return next(new MsChapV2Packet.SuccessRequest(msChapV2Id, text));
        } finally {
            Arrays.fill(ntHash, (byte) 0);
        }
    }

    /** Wrong password or unknown user: both look the same on the wire (E=691). */
    private EapStep reject(String reason) {
        pendingReason = reason;
        if (retriesLeft > 0) {
            retriesLeft--;
            context.random().nextBytes(challenge);
            LOG.debug("session {}: EAP-MSCHAPv2 attempt for '{}' failed ({}), {} retries left", context.sessionId(),
                    username, reason, retriesLeft);
            String text = MsChapV2Text.failure(MsChapV2Text.E_AUTHENTICATION_FAILURE, true, challenge, FAILURE_MESSAGE);
            int failureId = msChapV2Id;
            // RFC 2759 section 6: the retried Response carries the next identifier
            msChapV2Id = (msChapV2Id + 1) & 0xFF;
            state = State.AWAIT_RESPONSE;
            return next(new MsChapV2Packet.FailureRequest(failureId, text));
        }
        state = State.AWAIT_FAILURE_ACK;
        LOG.debug("session {}: EAP-MSCHAPv2 failed for '{}': {}; sending E=691 R=0", context.sessionId(), username,
                reason);
        return next(new MsChapV2Packet.FailureRequest(msChapV2Id,
                MsChapV2Text.failure(MsChapV2Text.E_AUTHENTICATION_FAILURE, false, challenge, FAILURE_MESSAGE)));
    }

    private EapStep next(MsChapV2Packet packet) {
        identifier = (identifier + 1) & 0xFF;
        return new EapStep.Continue(EapPacket.request(identifier, EapType.MSCHAPV2, packet.encode()));
    }

    private CompletionStage<EapStep> send(MsChapV2Packet packet) {
        return CompletableFuture.completedFuture(
                new EapStep.Continue(EapPacket.request(identifier, EapType.MSCHAPV2, packet.encode())));
    }

    private EapStep end(String reason) {
        state = State.DONE;
        wipeMsk();
        LOG.debug("session {}: EAP-MSCHAPv2 failed for '{}': {}", context.sessionId(), username, reason);
        return new EapStep.Failure(username, reason);
    }

    private CompletionStage<EapStep> done(String reason) {
        return CompletableFuture.completedFuture(end(reason));
    }

    /** RFC 3748 section 5.3.1: a Nak lists the types the peer would rather use, 0 meaning none. */
    static String nakReason(byte[] proposed) {
        String types = IntStream.range(0, proposed.length).map(i -> proposed[i] & 0xFF).filter(t -> t != 0)
                .mapToObj(t -> t + (t == 4 ? " (md5)" : t == 6 ? " (gtc)" : t == 13 ? " (tls)" : t == 25 ? " (peap)"
                        : t == EapType.EXPANDED_TYPE ? " (expanded)" : ""))
                .collect(Collectors.joining(", "));
        return "peer refused EAP-MSCHAPv2 (Nak) and "
                + (types.isEmpty() ? "proposed no other method" : "proposed " + types);
    }

    private void wipeMsk() {
        if (msk != null) {
            msk.wipe();
            msk = null;
        }
    }

    @Override
    public void close() {
        Arrays.fill(challenge, (byte) 0);
        wipeMsk();
        state = State.DONE;
    }
}
