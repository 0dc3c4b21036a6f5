package io.flexgate.eap.gtc;

import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * EAP-GTC (RFC 3748 section 5.6) as an {@link EapMethod} service. The response carries the password in
 * clear inside the IKE SA, so the authenticator checks it with {@code CredentialStore#verifyPassword}: that
 * works with hashed local passwords and with RADIUS PAP. Derives no MSK. Stateless and thread-safe.
 */
@Component(service = EapMethod.class, property = {
        EapMethod.PROP_TYPE + ":Integer=6",
        EapMethod.PROP_VENDOR + ":Integer=0",
        EapMethod.PROP_NAME + "=" + GtcMethod.NAME})
public final class GtcMethod implements EapMethod {

    static final String NAME = "gtc";

    @Activate
    public GtcMethod() {
        // no configuration: one prompt, one response
    }

    @Override
    public EapType type() {
        return EapType.GTC;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean generatesMsk() {
        return false;
    }

    @Override
    public EapAuthenticator newAuthenticator(EapServerContext context) {
        return new GtcAuthenticator(context);
    }

    @Override
    public EapPeer newPeer(EapPeerContext context) {
        return new GtcPeer(context);
    }
}
