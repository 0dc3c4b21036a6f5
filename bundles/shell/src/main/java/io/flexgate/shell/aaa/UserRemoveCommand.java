package io.flexgate.shell.aaa;

import io.flexgate.api.aaa.LocalUserAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code aaa:user-remove NAME}: IOS {@code no username NAME}. */
@Service
@Command(scope = "aaa", name = "user-remove", description = "Removes a local user (no username NAME)")
public class UserRemoveCommand implements Action {

    /** Optional: Karaf would otherwise hold back every command of this bundle while aaa-local is absent. */
    @Reference(optional = true)
    LocalUserAdmin users;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "User name")
    String name;

    @Override
    public Object execute() {
        session.getConsole().println(UserChanges.describe(UserChanges.require(users).removeUser(name)));
        return null;
    }
}
