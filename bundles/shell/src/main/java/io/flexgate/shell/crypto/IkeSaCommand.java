package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionRegistry;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code crypto:ikev2-sa [--detailed]}: IOS {@code show crypto ikev2 sa [detailed]}. */
@Service
@Command(scope = "crypto", name = "ikev2-sa", description = "Shows the IKEv2 SAs (show crypto ikev2 sa [detailed])")
public class IkeSaCommand implements Action {

    /** Optional: Karaf would otherwise hold back every command of this bundle while the engine is absent. */
    @Reference(optional = true)
    SessionRegistry registry;

    @Reference
    Session session;

    @Option(name = "--detailed", description = "Algorithms, SPIs, identities, message IDs, NAT-T, assigned address")
    boolean detailed;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        List<SessionInfo> sessions = Sessions.require(registry).sessions();
        Instant now = Instant.now();
        session.getConsole().println("IPv4 Crypto IKEv2 SA");
        session.getConsole().println();
        ShellTable table = table(true);
        for (SessionInfo s : sessions) {
            SessionText.IkeSaRow row = SessionText.ikeSaRow(s);
            table.addRow().addContent(row.tunnelId(), row.local(), row.remote(), row.vrf(), row.status());
            if (detailed) {
                // One table per SA keeps the detail lines under their row, as IOS prints them.
                table.print(session.getConsole(), !noFormat);
                SessionText.ikeSaDetail(s, now).forEach(l -> session.getConsole().println("      " + l));
                session.getConsole().println();
                table = table(false);
            }
        }
        if (!detailed || sessions.isEmpty()) {
            table.print(session.getConsole(), !noFormat);
        }
        return null;
    }

    private static ShellTable table(boolean headers) {
        ShellTable table = new ShellTable();
        if (!headers) {
            table.noHeaders();
        }
        table.column("Tunnel-id").alignRight();
        table.column("Local");
        table.column("Remote");
        table.column("fvrf/ivrf");
        table.column("Status");
        return table;
    }
}
