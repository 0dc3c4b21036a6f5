package io.flexgate.eap.md5;

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
 * The authenticator side of EAP-MD5: one random challenge, one response checked against the reversibly
 * stored password. EAP-MD5 derives no MSK and does not authenticate the server.
 */
final class Md5Authenticator implements EapAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Md5Authenticator.class);

    /** RFC 3748 section 5.4 recommends at least 16 octets of challenge. */
    static final int CHALLENGE_LENGTH = 16;

    private enum State { NEW, AWAIT_RESPONSE, CHECKING, DONE }

    private final EapServerContext context;
    private final byte[] challenge = new byte[CHALLENGE_LENGTH];
    private int identifier;
    private State state = State.NEW;

    Md5Authenticator(EapServerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<EapStep> start(int identifier) {
        if (state != State.NEW) {
            return done("EAP-MD5 conversation was already started");
        }
        context.random().nextBytes(challenge);
        this.identifier = identifier;
        state = State.AWAIT_RESPONSE;
        LOG.debug("session {}: EAP-MD5 challenge to '{}' (id {})", context.sessionId(), context.identity(), identifier);
        // RFC 1994 lets the name be empty; naming the server here would tell nothing the peer needs
        return CompletableFuture.completedFuture(new EapStep.Continue(
                EapPacket.request(identifier, EapType.MD5_CHALLENGE, new Md5Data(challenge, new byte[0]).encode())));
    }

    @Override
    public CompletionStage<EapStep> process(EapPacket response) {
        if (state != State.AWAIT_RESPONSE) {
            return done("EAP-MD5 got a response while " + state);
        }
        if (response.code() != EapCode.RESPONSE || response.identifier() != identifier) {
            return done("EAP-MD5 got " + response + " where the response to request id " + identifier + " belongs");
        }
        if (EapType.NAK.equals(response.type())) {
            return done(nakReason(response));
        }
        if (!EapType.MD5_CHALLENGE.equals(response.type())) {
            return done("EAP-MD5 expected a type 4 response, got type " + response.type());
        }
        Optional<Md5Data> data = Md5Data.decode(response.typeData());
        if (data.isEmpty() || data.get().value().length != Md5Data.RESPONSE_VALUE_SIZE) {
            return done("malformed EAP-MD5 response (Value-Size must be " + Md5Data.RESPONSE_VALUE_SIZE
                    + " and fit the packet)");
        }
        state = State.CHECKING;
        byte[] received = data.get().value();
        CompletionStage<CredentialLookup> lookup;
        try {
            lookup = context.credentials().cleartext(context.identity());
        } catch (RuntimeException e) {
            return done("credential store failed: " + e);
        }
        return lookup.handle((found, error) -> verdict(found, error, received));
    }

    private EapStep verdict(CredentialLookup lookup, Throwable error, byte[] received) {
        state = State.DONE;
        try {
            if (error != null) {
                return failure("credential store failed: " + error);
            }
            if (lookup instanceof CredentialLookup.Found found) {
                return check(found, received);
            }
            if (lookup instanceof CredentialLookup.NoSuchUser) {
                return failure("no such user");
            }
            if (lookup instanceof CredentialLookup.NotAvailableInThisForm form) {
                return failure("the password of user '" + form.username() + "' is stored hashed, but EAP-MD5 needs a"
                        + " reversibly stored (cleartext) password entry; store it reversibly or use EAP-GTC or"
                        + " EAP-MSCHAPv2 (store: " + form.reason() + ")");
            }
            if (lookup instanceof CredentialLookup.Unavailable unavailable) {
                return failure("credential store unavailable: " + unavailable.reason());
            }
            return failure("credential store gave no answer");
        } finally {
            Arrays.fill(received, (byte) 0);
        }
    }

    private EapStep check(CredentialLookup.Found found, byte[] received) {
        byte[] secret = found.value().bytes();
        byte[] expected = ChapMd5.response(identifier, secret, challenge);
        Arrays.fill(secret, (byte) 0);
        found.value().wipe();
        boolean match = MessageDigest.isEqual(expected, received);
        Arrays.fill(expected, (byte) 0);
        if (!match) {
            return failure("wrong password");
        }
        LOG.debug("session {}: EAP-MD5 authenticated '{}'", context.sessionId(), found.username());
        return new EapStep.Success(found.username(), Optional.empty(), Map.of());
    }

    private EapStep failure(String reason) {
        LOG.debug("session {}: EAP-MD5 failed for '{}': {}", context.sessionId(), context.identity(), reason);
        return new EapStep.Failure(context.identity(), reason);
    }

    private CompletionStage<EapStep> done(String reason) {
        state = State.DONE;
        return CompletableFuture.completedFuture(failure(reason));
    }

    /** RFC 3748 section 5.3.1: the Nak lists the types the peer wants, or 0 for none. */
    static String nakReason(EapPacket nak) {
        byte[] proposed = nak.typeData();
        String types = IntStream.range(0, proposed.length).map(i -> proposed[i] & 0xFF).filter(t -> t != 0)
                .mapToObj(Md5Authenticator::typeName).collect(Collectors.joining(", "));
        return "peer refused EAP-MD5 (Nak) and " + (types.isEmpty() ? "proposed no other method" : "proposed " + types);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 4 -> "4 (md5)";
            case 6 -> "6 (gtc)";
            case 13 -> "13 (tls)";
            case 21 -> "21 (ttls)";
            case 25 -> "25 (peap)";
            case 26 -> "26 (mschapv2)";
            case EapType.EXPANDED_TYPE -> "254 (expanded)";
            default -> Integer.toString(type);
        };
    }

    @Override
    public void close() {
        Arrays.fill(challenge, (byte) 0);
        state = State.DONE;
    }
}
