package io.flexgate.eap.anyconnect;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The context parameters AnyConnect-EAP reads (never secrets), and the session facts it reports.
 */
final class AnyConnectSettings {

    /** Server parameter: the name of the AnyConnect profile announced in {@code complete} (IOS {@code anyconnect profile}). */
    static final String PROFILE = "anyconnect.profile";
    /** Server parameter: a banner the client shows before the login form. */
    static final String BANNER = "anyconnect.banner";
    /** Server parameter: the prompt above the login form. */
    static final String MESSAGE = "anyconnect.message";
    /** Server parameter: comma-separated groups offered in the form's group list. */
    static final String GROUPS = "anyconnect.groups";

    /** Peer parameter: the client version sent in {@code init}. */
    static final String CLIENT_VERSION = "anyconnect.version";
    /** Peer parameter: the device id sent in {@code init}. */
    static final String DEVICE_ID = "anyconnect.device-id";
    /** Peer parameter: the group to ask for ({@code group-select}). */
    static final String GROUP = "anyconnect.group";
    /** Peer parameter: the group URL of the client's profile ({@code group-access}). */
    static final String GROUP_ACCESS = "anyconnect.group-access";

    /** Success fact: the AnyConnect session id. */
    static final String FACT_SESSION_ID = "anyconnect.session-id";
    /** Success fact: the client's device id and version from {@code init}. */
    static final String FACT_CLIENT = "anyconnect.client";
    /** Success fact: the group the user chose. */
    static final String FACT_GROUP = "anyconnect.group";
    /** Success fact: the profile file announced in the manifest. */
    static final String FACT_PROFILE = "anyconnect.profile";

    static final String DEFAULT_MESSAGE = "Please enter your username and password.";
    /** The client version the fork sends (anchors.md 2.4); headends may check it exists, not its value. */
    static final String DEFAULT_CLIENT_VERSION = "4.9.01095";
    static final String DEFAULT_DEVICE_ID = "linux";

    private AnyConnectSettings() {
    }

    /** What the headend side reads from {@code EapServerContext#parameters}. */
    record Server(Optional<String> profile, String message, Optional<String> banner, List<String> groups) {
        static Server of(Map<String, String> parameters) {
            return new Server(nonEmpty(parameters.get(PROFILE)),
                    nonEmpty(parameters.get(MESSAGE)).orElse(DEFAULT_MESSAGE),
                    nonEmpty(parameters.get(BANNER)),
                    nonEmpty(parameters.get(GROUPS)).map(g -> Arrays.stream(g.split(",")).map(String::strip)
                            .filter(s -> !s.isEmpty()).toList()).orElse(List.of()));
        }
    }

    /** What the client side reads from {@code EapPeerContext#parameters}. */
    record Peer(String clientVersion, String deviceId, Optional<String> group, Optional<String> groupAccess) {
        static Peer of(Map<String, String> parameters) {
            return new Peer(nonEmpty(parameters.get(CLIENT_VERSION)).orElse(DEFAULT_CLIENT_VERSION),
                    nonEmpty(parameters.get(DEVICE_ID)).orElse(DEFAULT_DEVICE_ID),
                    nonEmpty(parameters.get(GROUP)), nonEmpty(parameters.get(GROUP_ACCESS)));
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
