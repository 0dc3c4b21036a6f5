package io.flexgate.aaa.radius.eap;

import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * EAP pass-through ({@code eap.name = radius}): the RADIUS server runs whatever method it and the peer
 * agree on (MD5, MSCHAPv2, GTC ...), FlexGate only relays. Its type is Identity, because the conversation
 * starts from the peer's identity and the server chooses the method; a peer's Nak goes to the server.
 * Authenticator role only. Not final: the DS component is this method with its configuration.
 */
public class RadiusEapMethod implements EapMethod {

    public static final String NAME = "radius";

    private final Supplier<Optional<RadiusGroup>> group;

    /** @param group the server group to relay to, as it is now */
    public RadiusEapMethod(Supplier<Optional<RadiusGroup>> group) {
        this.group = group;
    }

    @Override
    public final EapType type() {
        return EapType.IDENTITY;
    }

    @Override
    public final String name() {
        return NAME;
    }

    @Override
    public final boolean generatesMsk() {
        return true;
    }

    @Override
    public final EapAuthenticator newAuthenticator(EapServerContext context) {
        RadiusGroup g = group.get().orElseThrow(() -> new IllegalStateException(
                "EAP pass-through: its RADIUS server group is not configured"));
        return new RadiusEapAuthenticator(g, context.identity(), context.sessionId());
    }

    @Override
    public final EapPeer newPeer(EapPeerContext context) {
        throw new UnsupportedOperationException("EAP pass-through is an authenticator only");
    }
}
