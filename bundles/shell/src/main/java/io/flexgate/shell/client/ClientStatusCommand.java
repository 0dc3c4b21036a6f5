package io.flexgate.shell.client;

import io.flexgate.api.client.VpnClient;
import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code client:status}: the client sessions, their addresses, routes, tunnels and ESP packet counts. */
@Service
@Command(scope = "client", name = "status", description = "Shows the client sessions")
public class ClientStatusCommand implements Action {

    @Reference(optional = true)
    VpnClient client;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        VpnClient c = ClientText.require(client);
        ShellTable table = new ShellTable();
        ClientText.COLUMNS.forEach(table::column);
        for (List<String> row : ClientText.rows(c.sessions(), Instant.now())) {
            table.addRow().addContent(row.toArray());
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }
}
