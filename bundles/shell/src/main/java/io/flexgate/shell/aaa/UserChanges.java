package io.flexgate.shell.aaa;

import io.flexgate.api.aaa.LocalUserAdmin;
import io.flexgate.api.aaa.LocalUserAdmin.UserChange;

/** The operator's line for a user change; a refusal is an error so scripts see it. */
final class UserChanges {

    private UserChanges() {
    }

    /** The service, or a clear error when the aaa-local bundle is not running. */
    static LocalUserAdmin require(LocalUserAdmin users) {
        if (users == null) {
            throw new IllegalStateException("the local user database is not available (is the aaa-local bundle "
                    + "running, with its configuration io.flexgate.aaa.local?)");
        }
        return users;
    }

    static String describe(UserChange change) {
        if (change instanceof UserChange.Added added) {
            return added.replaced() ? "User " + added.username() + ": password changed"
                    : "User " + added.username() + " added";
        }
        if (change instanceof UserChange.Removed removed) {
            return "User " + removed.username() + " removed";
        }
        UserChange.Refused refused = (UserChange.Refused) change;
        throw new IllegalArgumentException((refused.username().isEmpty() ? "" : "User " + refused.username() + ": ")
                + refused.reason());
    }
}
