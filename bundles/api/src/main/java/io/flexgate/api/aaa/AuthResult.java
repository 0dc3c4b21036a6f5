package io.flexgate.api.aaa;

/** The answer to a password check. */
public sealed interface AuthResult {

    /**
     * The password is right.
     *
     * @param username   the canonical user name
     * @param attributes per-user authorization the store returned with the accept (RADIUS Access-Accept
     *                   attributes); empty for local users
     */
    record Accepted(String username, AuthorizationAttributes attributes) implements AuthResult {
    }

    /**
     * The user is unknown or the password is wrong; the reason is for the log and says which, never
     * what the password was.
     */
    record Rejected(String username, String reason) implements AuthResult {
    }

    /** The store could not answer (timeout, no server); a method list tries its next method. */
    record Unavailable(String reason) implements AuthResult {
    }
}
