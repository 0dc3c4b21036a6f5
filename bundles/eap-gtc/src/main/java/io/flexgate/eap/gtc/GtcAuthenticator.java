package io.flexgate.eap.gtc;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import java.nio.charset.StandardCharsets;
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
 * The authenticator side of EAP-GTC: one prompt, one response whose type-data is the password (RFC 3748
 * section 5.6: the response carries the token, no terminating NUL), checked by the credential store.
 */
final class GtcAuthenticator implements EapAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(GtcAuthenticator.class);

    /** The displayable message of the request. */
    static final String PROMPT = "Password: ";
    /** Longest response accepted; RFC 3748 sets none, real passwords and OTP tokens are far shorter. */
    static final int MAX_RESPONSE_OCTETS = 1024;

    private enum State { NEW, AWAIT_RESPONSE, CHECKING, DONE }

    private final EapServerContext context;
    private int identifier;
    private State state = State.NEW;

    GtcAuthenticator(EapServerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<EapStep> start(int identifier) {
        if (state != State.NEW) {
            return done("EAP-GTC conversation was already started");
        }
        this.identifier = identifier;
        state = State.AWAIT_RESPONSE;
        LOG.debug("session {}: EAP-GTC prompt to '{}' (id {})", context.sessionId(), context.identity(), identifier);
        return CompletableFuture.completedFuture(new EapStep.Continue(
                EapPacket.request(identifier, EapType.GTC, PROMPT.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public CompletionStage<EapStep> process(EapPacket response) {
        if (state != State.AWAIT_RESPONSE) {
            return done("EAP-GTC got a response while " + state);
        }
        if (response.code() != EapCode.RESPONSE || response.identifier() != identifier) {
            return done("EAP-GTC got " + response + " where the response to request id " + identifier + " belongs");
        }
        if (EapType.NAK.equals(response.type())) {
            return done(nakReason(response.typeData()));
        }
        if (!EapType.GTC.equals(response.type())) {
            return done("EAP-GTC expected a type 6 response, got type " + response.type());
        }
        byte[] password = response.typeData();
        if (password.length == 0 || password.length > MAX_RESPONSE_OCTETS) {
            return done("malformed EAP-GTC response: " + password.length + " octets, must be 1.." + MAX_RESPONSE_OCTETS);
        }
        state = State.CHECKING;
        Secret secret = Secret.copyOf(password);
        Arrays.fill(password, (byte) 0);
        CompletionStage<AuthResult> check;
        try {
            check = context.credentials().verifyPassword(context.identity(), secret);
        } catch (RuntimeException e) {
            secret.wipe();
            return done("credential store failed: " + e);
        }
        return check.handle((result, error) -> {
            secret.wipe();
            return verdict(result, error);
        });
    }

    private EapStep verdict(AuthResult result, Throwable error) {
        state = State.DONE;
        if (error != null) {
            return failure("credential store failed: " + error);
        }
        if (result instanceof AuthResult.Accepted accepted) {
            LOG.debug("session {}: EAP-GTC authenticated '{}'", context.sessionId(), accepted.username());
            return new EapStep.Success(accepted.username(), Optional.empty(), Map.of());
        }
        if (result instanceof AuthResult.Rejected rejected) {
            return failure(rejected.reason());
        }
        if (result instanceof AuthResult.Unavailable unavailable) {
            return failure("credential store unavailable: " + unavailable.reason());
        }
        return failure("credential store gave no answer");
    }

    private EapStep failure(String reason) {
        LOG.debug("session {}: EAP-GTC failed for '{}': {}", context.sessionId(), context.identity(), reason);
        return new EapStep.Failure(context.identity(), reason);
    }

    private CompletionStage<EapStep> done(String reason) {
        state = State.DONE;
        return CompletableFuture.completedFuture(failure(reason));
    }

    /** RFC 3748 section 5.3.1: a Nak lists the types the peer would rather use, 0 meaning none. */
    static String nakReason(byte[] proposed) {
        String types = IntStream.range(0, proposed.length).map(i -> proposed[i] & 0xFF).filter(t -> t != 0)
                .mapToObj(t -> t + switch (t) {
                    case 4 -> " (md5)";
                    case 26 -> " (mschapv2)";
                    case 13 -> " (tls)";
                    case 25 -> " (peap)";
                    case EapType.EXPANDED_TYPE -> " (expanded)";
                    default -> "";
                }).collect(Collectors.joining(", "));
        return "peer refused EAP-GTC (Nak) and " + (types.isEmpty() ? "proposed no other method" : "proposed " + types);
    }

    @Override
    public void close() {
        state = State.DONE;
    }
}
