package io.flexgate.eap.anyconnect;

import io.flexgate.api.anyconnect.AnyConnectPeer;
import io.flexgate.api.anyconnect.AnyConnectPeer.ProfileManifest;
import io.flexgate.api.anyconnect.AnyConnectProfiles;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.eap.EapPeerContext;
import io.flexgate.api.eap.EapServerContext;
import io.flexgate.api.eap.EapType;
import io.flexgate.eap.anyconnect.message.ConfigAuthCodec;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Cisco AnyConnect-EAP (aggregate authentication), EAP expanded type 254, vendor 9, vendor type
 * 0x44425250 (anchors.md section 2.3), in both roles. No MSK: after this method the IKE AUTH payloads
 * are computed with SK_pi/SK_pr (RFC 7296 section 2.16; anchors.md 2.6).
 *
 * <p>Server parameters: {@code anyconnect.profile} names the configured AnyConnect profile announced
 * in {@code complete}; {@code anyconnect.banner}, {@code anyconnect.message} and {@code anyconnect.groups}
 * shape the login form. Peer parameters: {@code anyconnect.version}, {@code anyconnect.device-id},
 * {@code anyconnect.group}, {@code anyconnect.group-access}. {@link #newPeer} returns an
 * {@link AnyConnectPeer}, which tells what the headend announced.
 */
@Component(service = EapMethod.class, property = {
        EapMethod.PROP_TYPE + ":Integer=254",
        EapMethod.PROP_VENDOR + ":Integer=9",
        EapMethod.PROP_NAME + "=" + AnyConnectEapMethod.NAME})
public final class AnyConnectEapMethod implements EapMethod {

    static final String NAME = "anyconnect";

    private final AnyConnectProfiles profiles;

    @Activate
    public AnyConnectEapMethod(@Reference AnyConnectProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public EapType type() {
        return EapType.ANYCONNECT;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean generatesMsk() {
        return false;
    }

    /**
     * @throws IllegalStateException when {@code anyconnect.profile} names a profile that is not
     *                               configured or not valid: the client would be told of a profile the
     *                               headend cannot stand behind
     */
    @Override
    public EapAuthenticator newAuthenticator(EapServerContext context) {
        AnyConnectSettings.Server settings = AnyConnectSettings.Server.of(context.parameters());
        Optional<ProfileManifest> manifest = Optional.empty();
        if (settings.profile().isPresent()) {
            String name = settings.profile().get();
            ProfileStatus status = profiles.profile(name).orElseThrow(() -> new IllegalStateException(
                    "AnyConnect profile '" + name + "' is not configured (io.flexgate.anyconnect.profile~" + name + ")"));
            if (status instanceof ProfileStatus.Invalid invalid) {
                throw new IllegalStateException("AnyConnect profile '" + name + "' (" + invalid.file()
                        + ") is invalid: " + invalid.problems().get(0));
            }
            ProfileStatus.Loaded loaded = (ProfileStatus.Loaded) status;
            manifest = Optional.of(new ProfileManifest(
                    ConfigAuthCodec.PROFILE_URI_PREFIX + loaded.file().getFileName(), loaded.sha1Hex()));
        }
        return new AnyConnectAuthenticator(context, manifest, settings);
    }

    @Override
    public AnyConnectPeer newPeer(EapPeerContext context) {
        return new AnyConnectPeerConversation(context);
    }
}
