package io.flexgate.eap.anyconnect;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectPeer;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.eap.anyconnect.message.AnyConnectEapFraming;
import io.flexgate.eap.anyconnect.message.ConfigAuth;
import io.flexgate.eap.anyconnect.message.LogText;
import io.flexgate.eap.anyconnect.message.MalformedMessageException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one AnyConnect-EAP conversation: answers {@code hello} with {@code init},
 * {@code auth-request} with the user name and password of the {@link EapPeerContext}, and
 * {@code complete} with {@code ack}, keeping what {@code complete} announced (session id, profile manifest).
 */
final class AnyConnectPeerConversation implements AnyConnectPeer {

    private static final Logger LOG = LoggerFactory.getLogger(AnyConnectPeerConversation.class);

    /** A headend that asks for the password more often than this is refusing it. */
    static final int MAX_AUTH_REQUESTS = 3;

    private final EapPeerContext context;
    private final AnyConnectSettings.Peer settings;
    private volatile int authRequests;
    private volatile Optional<String> banner = Optional.empty();
    private volatile Optional<Completion> completion = Optional.empty();

    AnyConnectPeerConversation(EapPeerContext context) {
        this.context = context;
        this.settings = AnyConnectSettings.Peer.of(context.parameters());
    }

    @Override
    public CompletionStage<EapPacket> respond(EapPacket request) {
        try {
            ConfigAuth message = AnyConnectEapFraming.read(request, EapCode.REQUEST);
            LOG.debug("AnyConnect EAP '{}' request received", message.type());
            ConfigAuth answer = answer(message);
            try {
                return CompletableFuture.completedFuture(
                        AnyConnectEapFraming.packet(EapCode.RESPONSE, request.identifier(), answer));
            } finally {
                if (answer instanceof ConfigAuth.AuthReply reply) {
                    reply.password().wipe();
                }
            }
        } catch (MalformedMessageException e) {
            return CompletableFuture.failedFuture(new EapPeerException("malformed AnyConnect EAP request: "
                    + e.getMessage(), e));
        } catch (EapPeerException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IllegalArgumentException e) {
            // a user name or password holding characters XML cannot carry
            return CompletableFuture.failedFuture(new EapPeerException(e.getMessage(), e));
        }
    }

    private ConfigAuth answer(ConfigAuth request) throws EapPeerException {
        if (request instanceof ConfigAuth.Hello) {
            return new ConfigAuth.Init(settings.clientVersion(), settings.deviceId(), settings.groupAccess(),
                    settings.group());
        }
        if (request instanceof ConfigAuth.AuthRequest form) {
            return fillIn(form);
        }
        if (request instanceof ConfigAuth.Complete complete) {
            complete.sessionToken().wipe();
            completion = Optional.of(new Completion(complete.sessionId(), complete.profile()));
            complete.profile().ifPresent(p -> LOG.info("AnyConnect headend announced profile {} (SHA-1 {})",
                    LogText.printable(p.uri()), LogText.printable(p.sha1Hex())));
            return new ConfigAuth.Ack();
        }
        throw new EapPeerException("the headend sent a client document ('" + request.type() + "')");
    }

    private ConfigAuth fillIn(ConfigAuth.AuthRequest form) throws EapPeerException {
        if (++authRequests > MAX_AUTH_REQUESTS) {
            throw new EapPeerException("the headend asked for the password " + MAX_AUTH_REQUESTS
                    + " times; giving up");
        }
        boolean asksPassword = form.inputs().stream().anyMatch(i -> "password".equals(i.type()));
        if (!asksPassword) {
            throw new EapPeerException("the headend's login form has no password field; only password "
                    + "authentication is supported");
        }
        form.banner().ifPresent(b -> {
            banner = Optional.of(b);
            LOG.info("AnyConnect banner: {}", LogText.printable(b));
        });
        form.error().ifPresent(e -> LOG.warn("AnyConnect headend: {}", LogText.printable(e)));
        Optional<String> group = settings.group();
        if (group.isPresent() && !form.groups().isEmpty() && !form.groups().contains(group.get())) {
            throw new EapPeerException("group '" + group.get() + "' is not offered; the headend offers "
                    + form.groups());
        }
        Secret password = context.password().get();
        return new ConfigAuth.AuthReply(context.identity(), password, group);
    }

    @Override
    public Optional<Completion> completion() {
        return completion;
    }

    @Override
    public Optional<String> banner() {
        return banner;
    }

    /** AnyConnect-EAP derives no MSK (anchors.md 2.3): AUTH then uses SK_pi/SK_pr (RFC 7296 section 2.16). */
    @Override
    public Optional<Secret> msk() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held: the password is wiped as soon as the auth-reply is encoded
    }
}
