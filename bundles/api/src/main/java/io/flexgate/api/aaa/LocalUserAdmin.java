package io.flexgate.api.aaa;

import io.flexgate.api.Secret;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Administration of the local user database ({@code username NAME password ...}): what the
 * {@code aaa:user-add}, {@code aaa:user-list} and {@code aaa:user-remove} commands call. Registered by
 * aaa-local beside its {@link CredentialStore} ({@code aaa.method=local}).
 *
 * <p>Users come from two places: the database file in the data directory (changed here) and
 * configurations {@code io.flexgate.aaa.user~NAME} (changed through ConfigAdmin; this service refuses to
 * change them and says so). Passwords are never returned; nothing here logs one.
 */
@ProviderType
public interface LocalUserAdmin {

    /**
     * Adds a user to the database file, or replaces its password.
     *
     * @param password   the password; the service does not keep it, the caller wipes it afterwards
     * @param reversible also keep the password in a reversible form (only EAP-MD5 needs it; logged as a
     *                   warning)
     */
    UserChange addUser(String username, Secret password, boolean reversible);

    /** Removes a user from the database file. */
    UserChange removeUser(String username);

    /**
     * Imports one IOS line, {@code username NAME [privilege N] password [0] PASSWORD}, {@code ... password 7
     * HEX} (type 7 is a reversible encoding) or {@code ... secret 0 PASSWORD}: the password is hashed as by
     * {@link #addUser}. Hashed IOS secrets (types 4, 5, 8, 9) are refused: they yield no NT hash.
     */
    UserChange importIosLine(String line, boolean reversible);

    /** The users, sorted by name. */
    List<LocalUser> users();

    Optional<LocalUser> user(String username);

    /** Where a user is defined. */
    enum Origin {
        /** The database file under the data directory ({@code aaa:user-add}). */
        DATABASE,
        /** A configuration {@code io.flexgate.aaa.user~NAME}. */
        CONFIGURATION
    }

    /** A form in which a user's credential is stored. */
    enum CredentialForm {
        /** A salted slow hash: verifies passwords (PAP, EAP-GTC, AnyConnect-EAP). */
        PASSWORD_HASH,
        /** The NT hash: MSCHAPv2. Password-equivalent for MSCHAPv2. */
        NT_HASH,
        /** The password itself, reversibly: EAP-MD5. */
        CLEARTEXT
    }

    /** A user as listed; never a credential. */
    record LocalUser(String username, Origin origin, Set<CredentialForm> forms) {
        public LocalUser {
            forms = Set.copyOf(forms);
        }
    }

    /** The answer to a change. */
    sealed interface UserChange {
        /** @param replaced true when a user of that name existed and its password was replaced */
        record Added(String username, boolean replaced) implements UserChange {
        }

        record Removed(String username) implements UserChange {
        }

        /** Nothing changed; the reason says why (bad name, defined in configuration, unknown user, I/O). */
        record Refused(String username, String reason) implements UserChange {
        }
    }
}
