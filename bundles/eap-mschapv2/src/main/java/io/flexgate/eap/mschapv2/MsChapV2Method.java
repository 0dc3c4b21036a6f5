package io.flexgate.eap.mschapv2;

import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPeer;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapType;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EAP-MSCHAPv2 (RFC 2759 crypto, draft-kamath-pppext-eap-mschapv2 framing) as an {@link EapMethod} service.
 * Authenticates against the NT hash from {@code CredentialStore#ntHash} and derives the MSK of RFC 3079 in
 * the layout strongSwan and Windows use. Works without configuration; the optional PID {@value #PID} sets the
 * retry count and the name sent in the Challenge. Stateless and thread-safe.
 */
@Component(service = EapMethod.class, configurationPid = MsChapV2Method.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
            EapMethod.PROP_TYPE + ":Integer=26",
            EapMethod.PROP_VENDOR + ":Integer=0",
            EapMethod.PROP_NAME + "=" + MsChapV2Method.NAME})
@Designate(ocd = MsChapV2Method.Config.class)
public final class MsChapV2Method implements EapMethod {

    private static final Logger LOG = LoggerFactory.getLogger(MsChapV2Method.class);

    static final String NAME = "mschapv2";
    static final String PID = "io.flexgate.eap.mschapv2";
    /** More retries only help password guessing; Windows offers the user a new prompt for each. */
    static final int MAX_RETRIES = 5;
    /** The Challenge's Name field is one part of a packet of at most 255 + header octets in practice. */
    static final int MAX_AUTHENTICATOR_NAME_OCTETS = 64;

    @ObjectClassDefinition(name = "FlexGate EAP-MSCHAPv2",
            description = "EAP-MSCHAPv2 authenticator settings; no secrets (NT hashes come from the credential store)")
    public @interface Config {
        @AttributeDefinition(name = "Retries", min = "0", max = "5",
                description = "Failed attempts the peer may retry (Failure request E=691 R=1 with a new challenge)"
                        + " before E=691 R=0 ends the conversation")
        int retries() default 0;

        @AttributeDefinition(name = "Authenticator name",
                description = "The Name field of the Challenge (RFC 2759 section 3), at most 64 octets")
        String authenticatorName() default "FlexGate";
    }

    /** The settings every authenticator of this service uses. */
    record Settings(int retries, String authenticatorName) {
        static final Settings DEFAULT = new Settings(0, "FlexGate");
    }

    private final Settings settings;

    @Activate
    public MsChapV2Method(Config config) {
        this(settings(config));
    }

    MsChapV2Method(Settings settings) {
        this.settings = settings;
    }

    private static Settings settings(Config config) {
        int retries = config.retries();
        if (retries < 0 || retries > MAX_RETRIES) {
            LOG.warn("{}: retries = {} is outside 0..{}; using {}", PID, retries, MAX_RETRIES,
                    Math.max(0, Math.min(MAX_RETRIES, retries)));
            retries = Math.max(0, Math.min(MAX_RETRIES, retries));
        }
        String name = config.authenticatorName();
        if (name == null || name.isBlank() || name.getBytes(StandardCharsets.UTF_8).length > MAX_AUTHENTICATOR_NAME_OCTETS) {
            LOG.warn("{}: authenticatorName must be 1..{} octets; using '{}'", PID, MAX_AUTHENTICATOR_NAME_OCTETS,
                    Settings.DEFAULT.authenticatorName());
            name = Settings.DEFAULT.authenticatorName();
        }
        return new Settings(retries, name);
    }

    Settings settings() {
        return settings;
    }

    @Override
    public EapType type() {
        return EapType.MSCHAPV2;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean generatesMsk() {
        return true;
    }

    @Override
    public EapAuthenticator newAuthenticator(EapServerContext context) {
        return new MsChapV2Authenticator(context, settings);
    }

    @Override
    public EapPeer newPeer(EapPeerContext context) {
        return new MsChapV2Peer(context);
    }
}
