package io.flexgate.eap.anyconnect;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.anyconnect.AnyConnectPeer.ProfileManifest;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapStep;
import io.flexgate.eap.anyconnect.message.AnyConnectEapFraming;
import io.flexgate.eap.anyconnect.message.ConfigAuth;
import io.flexgate.eap.anyconnect.message.LogText;
import io.flexgate.eap.anyconnect.message.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The headend side of one AnyConnect-EAP conversation (anchors.md section 2.4):
 * {@code hello} → (init) → {@code auth-request} → (auth-reply, password checked through the context's
 * {@code CredentialStore}) → {@code complete} with the profile manifest → (ack) → success without MSK.
 *
 * <p>The transitions live in {@link #process}; called one step at a time by the IKE SA executor
 * ({@link EapAuthenticator}), so the state needs no lock; it is volatile because a password check
 * completes on the store's thread.
 */
final class AnyConnectAuthenticator implements EapAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AnyConnectAuthenticator.class);

    /** Length of the random parts of a session token: {@code hex6@id@hex4@hex40} (anchors.md 2.4). */
    private static final int[] TOKEN_PART_BYTES = {3, 2, 20};

    /** Where the conversation stands: the last document sent. */
    enum State { NEW, HELLO_SENT, AUTH_REQUEST_SENT, CHECKING_PASSWORD, COMPLETE_SENT, DONE }

    private final EapServerContext context;
    private final Optional<ProfileManifest> profile;
    private final AnyConnectSettings.Server settings;
    private volatile State state = State.NEW;
    private volatile String clientDescription = "";
    private volatile String username = "";
    private volatile Optional<String> group = Optional.empty();

    AnyConnectAuthenticator(EapServerContext context, Optional<ProfileManifest> profile,
            AnyConnectSettings.Server settings) {
        this.context = context;
        this.profile = profile;
        this.settings = settings;
    }

    @Override
    public CompletionStage<EapStep> start(int identifier) {
        if (state != State.NEW) {
            return failed("start called twice");
        }
        LOG.info("IKEv2:(SESSION ID = {}):Sending AnyConnect EAP 'hello' request", context.sessionId());
        return send(State.HELLO_SENT, identifier, new ConfigAuth.Hello());
    }

    @Override
    public CompletionStage<EapStep> process(EapPacket response) {
        LOG.info("IKEv2:(SESSION ID = {}):Processing AnyConnect EAP response", context.sessionId());
        ConfigAuth message;
        try {
            message = AnyConnectEapFraming.read(response, EapCode.RESPONSE);
        } catch (MalformedMessageException e) {
            return failed("malformed AnyConnect EAP response: " + e.getMessage());
        }
        int next = (response.identifier() + 1) & 0xFF;
        LOG.debug("IKEv2:(SESSION ID = {}):AnyConnect EAP '{}' received in state {}", context.sessionId(),
                message.type(), state);
        if (state == State.HELLO_SENT && message instanceof ConfigAuth.Init init) {
            clientDescription = LogText.printable(init.deviceId() + " " + init.clientVersion());
            group = init.groupSelect();
            LOG.debug("IKEv2:(SESSION ID = {}):AnyConnect client {}", context.sessionId(), clientDescription);
            LOG.info("IKEv2:(SESSION ID = {}):Sending AnyConnect EAP 'auth-request'", context.sessionId());
            return send(State.AUTH_REQUEST_SENT, next, authRequest());
        }
        if (state == State.AUTH_REQUEST_SENT && message instanceof ConfigAuth.AuthReply reply) {
            return checkPassword(reply, next);
        }
        if (state == State.COMPLETE_SENT && message instanceof ConfigAuth.Ack) {
            state = State.DONE;
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put(AnyConnectSettings.FACT_SESSION_ID, sessionId());
            facts.put(AnyConnectSettings.FACT_CLIENT, clientDescription);
            group.ifPresent(g -> facts.put(AnyConnectSettings.FACT_GROUP, g));
            profile.ifPresent(p -> facts.put(AnyConnectSettings.FACT_PROFILE, p.fileName()));
            LOG.info("IKEv2:(SESSION ID = {}):AnyConnect EAP authentication of user '{}' complete",
                    context.sessionId(), username);
            return CompletableFuture.completedFuture(new EapStep.Success(username, Optional.empty(), facts));
        }
        if (message instanceof ConfigAuth.AuthReply reply) {
            reply.password().wipe();
        }
        return failed("unexpected config-auth '" + message.type() + "' in state " + state);
    }

    private ConfigAuth.AuthRequest authRequest() {
        return new ConfigAuth.AuthRequest(settings.message(), settings.banner(), Optional.empty(),
                List.of(new ConfigAuth.FormInput("text", "username", "Username:"),
                        new ConfigAuth.FormInput("password", "password", "Password:")),
                settings.groups());
    }

    private CompletionStage<EapStep> checkPassword(ConfigAuth.AuthReply reply, int next) {
        Secret password = reply.password();
        username = LogText.printable(reply.username());
        if (reply.username().isEmpty()) {
            password.wipe();
            return failed("empty user name in auth-reply");
        }
        Optional<String> chosen = reply.groupSelect().or(() -> group);
        if (chosen.isPresent() && !settings.groups().isEmpty() && !settings.groups().contains(chosen.get())) {
            password.wipe();
            return failed("group '" + LogText.printable(chosen.get()) + "' is not offered");
        }
        group = chosen;
        state = State.CHECKING_PASSWORD;
        CompletionStage<AuthResult> check;
        try {
            check = context.credentials().verifyPassword(reply.username(), password);
        } catch (RuntimeException e) {
            password.wipe();
            return failed("credential store failed: " + e.getMessage());
        }
        return check.handle((result, error) -> {
            password.wipe();
            if (error != null) {
                return failure("credential store failed: " + error.getMessage());
            }
            if (result instanceof AuthResult.Accepted accepted) {
                username = accepted.username();
                LOG.info("IKEv2:(SESSION ID = {}):Sending AnyConnect EAP 'VERIFY' request (config-auth 'complete')",
                        context.sessionId());
                Secret token = sessionToken();
                try {
                    return request(State.COMPLETE_SENT, next, new ConfigAuth.Complete(sessionId(), token, profile));
                } finally {
                    token.wipe();
                }
            }
            if (result instanceof AuthResult.Rejected rejected) {
                return failure("rejected: " + rejected.reason());
            }
            return failure("credential store unavailable: " + ((AuthResult.Unavailable) result).reason());
        });
    }

    /** The AnyConnect session id: the IKE session's id, as a decimal u32 (anchors.md 2.4). */
    private String sessionId() {
        return Long.toString(context.sessionId() & 0xFFFFFFFFL);
    }

    /** {@code hex6@session-id@hex4@hex40} from the context's randomness (anchors.md 2.4). */
    private Secret sessionToken() {
        HexFormat hex = HexFormat.of().withUpperCase();
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < TOKEN_PART_BYTES.length; i++) {
            byte[] part = new byte[TOKEN_PART_BYTES[i]];
            context.random().nextBytes(part);
            token.append(hex.formatHex(part));
            if (i == 0) {
                token.append('@').append(sessionId());
            }
            if (i < TOKEN_PART_BYTES.length - 1) {
                token.append('@');
            }
        }
        byte[] bytes = token.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            return Secret.copyOf(bytes);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
    }

    private CompletionStage<EapStep> send(State after, int identifier, ConfigAuth message) {
        return CompletableFuture.completedFuture(request(after, identifier, message));
    }

    /** The one place where a request goes out and the state moves on. */
    private EapStep request(State after, int identifier, ConfigAuth message) {
        LOG.debug("IKEv2:(SESSION ID = {}):AnyConnect EAP state {} -> {}", context.sessionId(), state, after);
        state = after;
        return new EapStep.Continue(AnyConnectEapFraming.packet(EapCode.REQUEST, identifier, message));
    }

    private CompletionStage<EapStep> failed(String reason) {
        return CompletableFuture.completedFuture(failure(reason));
    }

    private EapStep failure(String reason) {
        state = State.DONE;
        LOG.warn("IKEv2:(SESSION ID = {}):AnyConnect EAP authentication failed for user '{}': {}",
                context.sessionId(), username, reason);
        return new EapStep.Failure(username, reason);
    }

    @Override
    public void close() {
        state = State.DONE;
    }
}
