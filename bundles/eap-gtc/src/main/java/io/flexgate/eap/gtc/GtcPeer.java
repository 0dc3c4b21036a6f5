package io.flexgate.eap.gtc;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapPeerException;
import io.flexgate.api.eap.EapType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer side of EAP-GTC: answers each prompt with the password as the whole type-data, as strongSwan's
 * client does (no {@code RESPONSE=user\0} prefix, no terminating NUL; RFC 3748 section 5.6).
 */
final class GtcPeer implements EapPeer {

    private static final Logger LOG = LoggerFactory.getLogger(GtcPeer.class);

    /** How much of the server's prompt goes into a log line. */
    static final int MAX_LOGGED_PROMPT = 80;

    private final EapPeerContext context;

    GtcPeer(EapPeerContext context) {
        this.context = context;
    }

    @Override
    public CompletionStage<EapPacket> respond(EapPacket request) {
        if (request.code() != EapCode.REQUEST || !EapType.GTC.equals(request.type())) {
            return CompletableFuture.failedFuture(new EapPeerException("EAP-GTC cannot answer " + request));
        }
        LOG.debug("EAP-GTC prompt from the server: '{}'", printable(request.typeData()));
        Secret password = context.password().get();
        if (password == null || password.length() == 0) {
            return CompletableFuture.failedFuture(new EapPeerException("no password given for EAP-GTC"));
        }
        if (password.length() > GtcAuthenticator.MAX_RESPONSE_OCTETS) {
            password.wipe();
            return CompletableFuture.failedFuture(new EapPeerException(
                    "password longer than " + GtcAuthenticator.MAX_RESPONSE_OCTETS + " octets"));
        }
        byte[] token = password.bytes();
        password.wipe();
        EapPacket response = EapPacket.response(request.identifier(), EapType.GTC, token);
        Arrays.fill(token, (byte) 0);
        return CompletableFuture.completedFuture(response);
    }

    /** The prompt is the server's text: shown only as printable ASCII, cut to {@link #MAX_LOGGED_PROMPT}. */
    static String printable(byte[] prompt) {
        String text = new String(prompt, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(MAX_LOGGED_PROMPT).forEach(c -> out.append(c >= 0x20 && c < 0x7F ? (char) c : '?'));
        return out.toString();
    }

    /** EAP-GTC derives no key (RFC 3748 section 5.6). */
    @Override
    public Optional<Secret> msk() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held: the password goes straight into the response packet
    }
}
