package io.flexgate.api.aaa;

import io.flexgate.api.Secret;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where passwords are checked: the local user database, a RADIUS server group (PAP), or a method list
 * that tries several of those in turn. EAP methods read credentials only through this interface.
 *
 * <p>Registered as a service by aaa-local (property {@link #PROP_METHOD} {@code local}) and aaa-radius
 * ({@code group NAME}); method lists are themselves stores. Threading: any thread may call; stages
 * complete on the store's own threads. Every comparison of a secret is constant-time, and nothing here
 * logs a secret. A store that cannot answer (server down, database unreadable) completes with
 * {@link Unavailable}, never with a reject: IOS method lists try the next method only on an error.
 */
@ConsumerType
public interface CredentialStore {

    /** Service property: the method as IOS method lists name it ({@code local}, {@code group radius}). */
    String PROP_METHOD = "aaa.method";

    /**
     * Checks a cleartext password (PAP semantics). Used by EAP-GTC and AnyConnect-EAP.
     *
     * @param password the password; the store does not keep it, the caller wipes it afterwards
     */
    CompletionStage<AuthResult> verifyPassword(String username, Secret password);

    /**
     * The NT hash (MD4 of the UTF-16LE password, RFC 2759 section 8.3) for MSCHAPv2.
     */
    CompletionStage<CredentialLookup> ntHash(String username);

    /**
     * The cleartext password, only for users the operator stored reversibly (needed by EAP-MD5).
     */
    CompletionStage<CredentialLookup> cleartext(String username);

    /** Result of looking up a stored credential. */
    sealed interface CredentialLookup {
        /** The credential; the caller wipes it when done. */
        record Found(String username, Secret value) implements CredentialLookup {
        }

        /** No such user in this store (a reject: later methods of a list are not tried). */
        record NoSuchUser(String username) implements CredentialLookup {
        }

        /**
         * The user exists but the credential is not stored in this form (for example EAP-MD5 against a
         * hashed password); the reason says what the operator can do.
         */
        record NotAvailableInThisForm(String username, String reason) implements CredentialLookup {
        }

        /** The store could not answer; a method list tries its next method. */
        record Unavailable(String reason) implements CredentialLookup {
        }
    }
}
