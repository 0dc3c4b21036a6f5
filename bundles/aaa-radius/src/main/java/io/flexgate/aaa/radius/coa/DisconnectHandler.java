package io.flexgate.aaa.radius.coa;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusFormatException;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.api.session.SessionRegistry;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a verified Disconnect-Request or CoA-Request (RFC 5176): a Disconnect-Request tears down every
 * session that matches all the identification attributes it carries (Acct-Session-Id as FlexGate's
 * accounting sends it, User-Name, Framed-IP-Address) and is acknowledged when at least one did; a
 * CoA-Request is refused, because a running session's authorization cannot be changed here.
 */
public final class DisconnectHandler {

    /** Error-Cause values (RFC 5176 section 3.6). */
    static final int UNSUPPORTED_SERVICE = 405;
    static final int MISSING_ATTRIBUTE = 402;
    static final int INVALID_REQUEST = 404;
    static final int SESSION_NOT_FOUND = 503;
    static final int RESOURCES_UNAVAILABLE = 506;

    private static final Logger LOG = LoggerFactory.getLogger(DisconnectHandler.class);

    private final Supplier<Optional<SessionRegistry>> registry;

    public DisconnectHandler(Supplier<Optional<SessionRegistry>> registry) {
        this.registry = registry;
    }

    /** The response (unsigned: code, identifier and attributes) to a verified request. */
    public RadiusPacket answer(RadiusPacket request) {
        if (request.code().equals(RadiusCode.COA_REQUEST)) {
            return nak(RadiusCode.COA_NAK, request, UNSUPPORTED_SERVICE);
        }
        Optional<String> sessionId = request.text(RadiusAttributeType.ACCT_SESSION_ID);
        Optional<String> user = request.text(RadiusAttributeType.USER_NAME);
        Optional<InetAddress> framed;
        try {
            framed = request.attribute(RadiusAttributeType.FRAMED_IP_ADDRESS).isPresent()
                    ? Optional.of(request.attribute(RadiusAttributeType.FRAMED_IP_ADDRESS).get().asAddress())
                    : Optional.empty();
        } catch (RadiusFormatException e) {
            return nak(RadiusCode.DISCONNECT_NAK, request, INVALID_REQUEST);
        }
        if (sessionId.isEmpty() && user.isEmpty() && framed.isEmpty()) {
            return nak(RadiusCode.DISCONNECT_NAK, request, MISSING_ATTRIBUTE);
        }
        Optional<SessionRegistry> r = registry.get();
        if (r.isEmpty()) {
            return nak(RadiusCode.DISCONNECT_NAK, request, RESOURCES_UNAVAILABLE);
        }
        List<SessionInfo> matching = new ArrayList<>();
        for (SessionInfo s : r.get().sessions()) {
            if (sessionId.map(id -> id.equalsIgnoreCase(String.format("%08X", s.sessionId()))).orElse(true)
                    && user.map(u -> u.equals(s.username())).orElse(true)
                    && framed.map(a -> s.assignedAddress().map(a::equals).orElse(false)).orElse(true)) {
                matching.add(s);
            }
        }
        int cleared = 0;
        for (SessionInfo s : matching) {
            cleared += r.get().clear(new SessionRegistry.Selector.ById(s.sessionId()), DownReason.DISCONNECT_REQUEST);
        }
        if (cleared == 0) {
            LOG.info("Disconnect-Request id {}: no session matches", request.identifier());
            return nak(RadiusCode.DISCONNECT_NAK, request, SESSION_NOT_FOUND);
        }
        LOG.info("Disconnect-Request id {}: {} session(s) torn down", request.identifier(), cleared);
        return RadiusPacket.of(RadiusCode.DISCONNECT_ACK, request.identifier(), List.of());
    }

    static RadiusPacket nak(RadiusCode code, RadiusPacket request, int errorCause) {
        return RadiusPacket.of(code, request.identifier(),
                List.of(RadiusAttribute.integer(RadiusAttributeType.ERROR_CAUSE, errorCause)));
    }
}
