package io.flexgate.shell.aaa;

import io.flexgate.api.aaa.LocalUserAdmin;
import io.flexgate.api.aaa.LocalUserAdmin.UserChange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code aaa:user-import FILE}: imports the {@code username NAME password 0|7 ...} and {@code secret 0}
 * lines of an IOS configuration file into the local database (hashed); other lines are skipped. Output names the
 * users and line numbers, never the lines.
 */
@Service
@Command(scope = "aaa", name = "user-import", description = "Imports the 'username NAME password 0|7 ...' "
        + "and 'secret 0' lines of an IOS configuration file")
public class UserImportCommand implements Action {

    /** A running-config larger than this is not what the operator meant to import. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /** Optional: Karaf would otherwise hold back every command of this bundle while aaa-local is absent. */
    @Reference(optional = true)
    LocalUserAdmin users;

    @Reference
    Session session;

    @Argument(index = 0, name = "file", required = true, description = "IOS configuration file")
    String file;

    @Option(name = "--reversible", description = "Also keep the passwords reversibly, for EAP-MD5 only")
    boolean reversible;

    @Override
    public Object execute() throws Exception {
        LocalUserAdmin admin = UserChanges.require(users);
        Path path = Path.of(file);
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        int imported = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().startsWith("username ")) {
                continue;
            }
            UserChange change = admin.importIosLine(lines.get(i), reversible);
            if (change instanceof UserChange.Refused refused) {
                session.getConsole().println("line " + (i + 1) + ": not imported: " + refused.reason());
            } else {
                imported++;
                session.getConsole().println("line " + (i + 1) + ": " + UserChanges.describe(change));
            }
        }
        session.getConsole().println(imported + " user(s) imported");
        return null;
    }
}
