package io.flexgate.shell.pki;

import io.flexgate.api.pki.CertificateSummary;
import io.flexgate.api.pki.TrustpointAdmin;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** {@code crypto:pki-export-ca NAME FILE}: writes the CA certificate clients import to trust trustpoint NAME. */
@Service
@Command(scope = "crypto", name = "pki-export-ca", description = "Writes the CA certificate of trustpoint NAME as"
        + " PEM, for clients to import")
public class PkiExportCaCommand implements Action {

    /** Optional: a mandatory reference would hold back every command of this bundle while pki is away. */
    @Reference(optional = true)
    TrustpointAdmin admin;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "Trustpoint name")
    String name;

    @Argument(index = 1, name = "file", required = true, description = "Where to write the PEM certificate")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws Exception {
        TrustpointRows.requirePki(admin);
        CertificateSummary ca = admin.exportCa(name, Path.of(file));
        session.getConsole().println("Wrote CA certificate '" + ca.subject() + "' to " + file);
        session.getConsole().println("  SHA-256 fingerprint: " + ca.sha256Fingerprint());
        return null;
    }
}
