package io.flexgate.shell.anyconnect;

import io.flexgate.api.anyconnect.AnyConnectProfiles;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code crypto:anyconnect-profile-list}: the configured AnyConnect profiles (IOS
 * {@code crypto vpn anyconnect profile}), their SHA-1 as the manifest announces it, and where an
 * invalid one is broken.
 */
@Service
@Command(scope = "crypto", name = "anyconnect-profile-list",
        description = "Lists the AnyConnect XML profiles: status, size, SHA-1, hosts, file; problems by line and column")
public class ProfileListCommand implements Action {

    /**
     * Optional: Karaf delays every command of a bundle until all their mandatory references are there,
     * so a missing eap-anyconnect bundle must not take the other commands with it.
     */
    @Reference(optional = true)
    AnyConnectProfiles profiles;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        if (profiles == null) {
            session.getConsole().println(ProfileTable.NOT_PRESENT);
            return null;
        }
        List<ProfileStatus> all = profiles.profiles();
        ShellTable table = new ShellTable();
        ProfileTable.COLUMNS.forEach(table::column);
        ProfileTable.rows(all).forEach(row -> table.addRow().addContent(row.toArray()));
        PrintStream console = session.getConsole();
        table.print(console, !noFormat);
        ProfileTable.notes(all).forEach(console::println);
        return null;
    }
}
