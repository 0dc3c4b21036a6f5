package io.flexgate.shell.aaa;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.LocalUserAdmin;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code aaa:user-add NAME [--password P] [--reversible]}: IOS {@code username NAME secret PASSWORD}. Without
 * {@code --password} the password is asked twice without echo (and so stays out of the shell history).
 */
@Service
@Command(scope = "aaa", name = "user-add", description = "Adds a local user or changes its password "
        + "(username NAME secret ...); asks for the password without echo unless --password is given")
public class UserAddCommand implements Action {

    /** Optional: Karaf would otherwise hold back every command of this bundle while aaa-local is absent. */
    @Reference(optional = true)
    LocalUserAdmin users;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "User name")
    String name;

    /** Convenient for scripts, but it stays in the shell history: prefer the prompt. */
    @Option(name = "--password", description = "The password (otherwise asked for without echo; this option "
            + "stays in the shell history)")
    String password;

    @Option(name = "--reversible", description = "Also keep the password reversibly, for EAP-MD5 only")
    boolean reversible;

    @Override
    public Object execute() throws Exception {
        PasswordPrompt.hideCommandLine(password, "aaa:user-add " + name);
        LocalUserAdmin admin = UserChanges.require(users);
        try (Secret secret = password != null ? Secret.ofPassword(password.toCharArray())
                : PasswordPrompt.readTwice(session, name)) {
            session.getConsole().println(UserChanges.describe(admin.addUser(name, secret, reversible)));
        }
        if (reversible) {
            session.getConsole().println("Warning: the password is stored reversibly (needed by EAP-MD5 only)");
        }
        return null;
    }
}
