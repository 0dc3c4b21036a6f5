package io.flexgate.eap.anyconnect.message;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectPeer.ProfileManifest;
import java.util.List;
import java.util.Optional;

/**
 * The {@code <config-auth client="vpn" type="T" aggregate-auth-version="2">} documents of AnyConnect
 * aggregate authentication, one record per {@code type} in the order of the conversation (anchors.md
 * section 2.4): the headend sends hello, auth-request and complete; the client answers init, auth-reply
 * and ack. Elements a record does not model are ignored when parsing.
 */
public sealed interface ConfigAuth {

    /** The {@code type} attribute. */
    String type();

    /** Headend, first request: opens the conversation. */
    record Hello() implements ConfigAuth {
        @Override
        public String type() {
            return "hello";
        }
    }

    /**
     * Client, answer to hello.
     *
     * @param clientVersion {@code <version who="vpn">}
     * @param deviceId      {@code <device-id>} text (win, mac, linux ...)
     * @param groupAccess   {@code <group-access>}: the URL or group the client's profile names
     * @param groupSelect   {@code <group-select>}: a group the user asked for
     */
    record Init(String clientVersion, String deviceId, Optional<String> groupAccess, Optional<String> groupSelect)
            implements ConfigAuth {
        @Override
        public String type() {
            return "init";
        }
    }

    /**
     * Headend: the login form ({@code <auth id="main">}), as the AnyConnect SSL headends send it.
     *
     * @param message the prompt shown above the form
     * @param banner  a banner the client shows before the form
     * @param error   why the previous answer was refused
     * @param inputs  the form's {@code <input>} fields
     * @param groups  the {@code <select name="group_list">} options; empty for no group list
     */
    record AuthRequest(String message, Optional<String> banner, Optional<String> error, List<FormInput> inputs,
            List<String> groups) implements ConfigAuth {
        public AuthRequest {
            inputs = List.copyOf(inputs);
            groups = List.copyOf(groups);
        }

        @Override
        public String type() {
            return "auth-request";
        }
    }

    /**
     * One {@code <input type=".." name=".." label=".."/>} of a form.
     *
     * @param type {@code text} or {@code password}
     */
    record FormInput(String type, String name, String label) {
    }

    /**
     * Client: the filled-in form, {@code <auth><username>..</username><password>..</password></auth>}.
     * The password is the caller's to wipe.
     *
     * @param groupSelect the group chosen from the form's list
     */
    record AuthReply(String username, Secret password, Optional<String> groupSelect) implements ConfigAuth {
        @Override
        public String type() {
            return "auth-reply";
        }
    }

    /**
     * Headend: authentication succeeded.
     *
     * @param sessionId    {@code <session-id>} (decimal)
     * @param sessionToken {@code <session-token>}: a credential of the session, never logged
     * @param profile      the {@code vpn-profile-manifest} entry of the configured AnyConnect profile
     */
    record Complete(String sessionId, Secret sessionToken, Optional<ProfileManifest> profile) implements ConfigAuth {
        @Override
        public String type() {
            return "complete";
        }
    }

    /** Client, answer to complete; the headend then sends EAP-Success. */
    record Ack() implements ConfigAuth {
        @Override
        public String type() {
            return "ack";
        }
    }
}
