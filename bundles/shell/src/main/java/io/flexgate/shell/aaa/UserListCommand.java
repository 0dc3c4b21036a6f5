package io.flexgate.shell.aaa;

import io.flexgate.api.aaa.LocalUserAdmin;
import io.flexgate.api.aaa.LocalUserAdmin.CredentialForm;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code aaa:user-list}: the local users, where each is defined and which credential forms it has. */
@Service
@Command(scope = "aaa", name = "user-list", description = "Lists the local users (never a password)")
public class UserListCommand implements Action {

    /** Optional: Karaf would otherwise hold back every command of this bundle while aaa-local is absent. */
    @Reference(optional = true)
    LocalUserAdmin users;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("User");
        table.column("Defined in");
        table.column("Credentials");
        for (LocalUserAdmin.LocalUser user : UserChanges.require(users).users()) {
            String forms = user.forms().stream().sorted().map(UserListCommand::word).collect(Collectors.joining(", "));
            table.addRow().addContent(user.username(), user.origin().name().toLowerCase(Locale.ROOT), forms);
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }

    static String word(CredentialForm form) {
        return switch (form) {
            case PASSWORD_HASH -> "pbkdf2";
            case NT_HASH -> "nt-hash";
            case CLEARTEXT -> "reversible";
        };
    }
}
