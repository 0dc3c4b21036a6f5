package io.flexgate.api.anyconnect;

import io.flexgate.api.eap.EapPeer;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The peer side of an AnyConnect-EAP conversation: an {@link EapPeer} that also tells the client what the
 * headend sent in its {@code complete} document. The AnyConnect-EAP method's {@code newPeer} returns one,
 * so a client checks {@code peer instanceof AnyConnectPeer}.
 */
@ProviderType
public interface AnyConnectPeer extends EapPeer {

    /** The banner of the headend's login form, to show the user; empty when it sent none. */
    Optional<String> banner();

    /** What {@code complete} carried; empty until the headend sent it. */
    Optional<Completion> completion();

    /**
     * The headend's {@code complete} document, without the session token (a credential).
     *
     * @param sessionId the AnyConnect session id
     * @param profile   the {@code vpn-profile-manifest} entry, when the headend announced a profile
     */
    record Completion(String sessionId, Optional<ProfileManifest> profile) {
    }

    /**
     * One {@code vpn-profile-manifest} file entry: where the headend says the profile is and its SHA-1.
     *
     * @param uri     the profile's URI on the headend ({@code /CACHE/stc/profiles/acvpn.xml})
     * @param sha1Hex upper-case hex SHA-1 of the profile file
     */
    record ProfileManifest(String uri, String sha1Hex) {

        /** The file name at the end of the URI ({@code acvpn.xml}), where a client stores the profile. */
        public String fileName() {
            int slash = uri.lastIndexOf('/');
            return slash < 0 ? uri : uri.substring(slash + 1);
        }
    }
}
