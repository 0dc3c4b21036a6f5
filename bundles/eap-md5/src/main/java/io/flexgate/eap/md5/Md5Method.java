package io.flexgate.eap.md5;

import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * EAP-MD5 (RFC 3748 section 5.4) as an {@link EapMethod} service. Needs the user's password stored
 * reversibly ({@code CredentialStore#cleartext}); derives no MSK, so IKEv2 AUTH then uses SK_pi/SK_pr.
 * Stateless and thread-safe: each conversation is its own object.
 */
@Component(service = EapMethod.class, property = {
        EapMethod.PROP_TYPE + ":Integer=4",
        EapMethod.PROP_VENDOR + ":Integer=0",
        EapMethod.PROP_NAME + "=" + Md5Method.NAME})
public final class Md5Method implements EapMethod {

    static final String NAME = "md5";

    @Activate
    public Md5Method() {
        // no configuration: the challenge length and the lookup are fixed by the RFC
    }

    @Override
    public EapType type() {
        return EapType.MD5_CHALLENGE;
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
        return new Md5Authenticator(context);
    }

    @Override
    public EapPeer newPeer(EapPeerContext context) {
        return new Md5Peer(context);
    }
}
