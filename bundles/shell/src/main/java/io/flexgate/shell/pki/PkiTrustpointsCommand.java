package io.flexgate.shell.pki;

import io.flexgate.api.pki.TrustpointAdmin;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code crypto:pki-trustpoints}: IOS {@code show crypto pki trustpoints} / {@code show crypto pki certificates}:
 * each trustpoint's certificate with issuer, validity and fingerprints, then the CAs it trusts.
 */
@Service
@Command(scope = "crypto", name = "pki-trustpoints", description = "Lists trustpoints: subject, issuer, validity"
        + " and SHA-1/SHA-256 fingerprints of their certificates and trusted CAs")
public class PkiTrustpointsCommand implements Action {

    /** Optional: a mandatory reference would hold back every command of this bundle while pki is away. */
    @Reference(optional = true)
    TrustpointAdmin admin;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        TrustpointRows.requirePki(admin);
        ShellTable table = new ShellTable();
        for (String column : TrustpointRows.COLUMNS) {
            table.column(column);
        }
        for (List<String> row : TrustpointRows.rows(admin.trustpoints())) {
            table.addRow().addContent(row.toArray());
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }
}
