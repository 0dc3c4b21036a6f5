package io.flexgate.api.aaa;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers {@code aaa authorization network} questions: the group policy an IKEv2 profile names, and the
 * attributes of one user. Registered by aaa-local (authorization policies) and aaa-radius, with the
 * {@link CredentialStore#PROP_METHOD} property. Threading and errors as for {@link CredentialStore}.
 */
@ConsumerType
public interface Authorizer {

    /**
     * @param kind the question asked
     * @param name the group (authorization policy) name for {@link Kind#GROUP}, the user name for
     *             {@link Kind#USER}
     */
    CompletionStage<AuthorizationResult> authorize(Kind kind, String name);

    /** IOS {@code aaa authorization group} versus {@code aaa authorization user}. */
    enum Kind {
        GROUP, USER
    }

    /** The answer. */
    sealed interface AuthorizationResult {
        record Authorized(AuthorizationAttributes attributes) implements AuthorizationResult {
        }

        /** The name is unknown or denied: the session is refused. */
        record Denied(String reason) implements AuthorizationResult {
        }

        /** No answer could be had; a method list tries its next method. */
        record Unavailable(String reason) implements AuthorizationResult {
        }
    }
}
