package io.flexgate.shell.pki;

import io.flexgate.api.pki.TrustpointAdmin;
import io.flexgate.api.pki.TrustpointInfo;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * {@code crypto:pki-import NAME FILE [--password P]}: IOS {@code crypto pki import NAME pkcs12 FILE password P}.
 * FILE is PKCS#12 or PEM (key and certificates). Without {@code --password} the password is asked for without
 * echo, which also keeps it out of the shell history.
 */
@Service
@Command(scope = "crypto", name = "pki-import", description = "Imports a key and its certificates from a PKCS#12 or"
        + " PEM file as trustpoint NAME (crypto pki import NAME pkcs12 FILE password ...)")
public class PkiImportCommand implements Action {

    /** JLine's mask for "show nothing at all". */
    private static final Character NO_ECHO = (char) 0;

    /** Optional: a mandatory reference would hold back every command of this bundle while pki is away. */
    @Reference(optional = true)
    TrustpointAdmin admin;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "Trustpoint name, e.g. IKEv2-TP")
    String name;

    @Argument(index = 1, name = "file", required = true, description = "PKCS#12 (.p12, .pfx) or PEM file")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--password", description = "The file's password (otherwise asked for without echo)")
    String password;

    @Override
    public Object execute() throws Exception {
        TrustpointRows.requirePki(admin);
        char[] secret = password != null ? password.toCharArray() : read("Password for " + file + ": ");
        // Karaf names the pipe thread after the command line, --password included, and the log shows thread names
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("crypto:pki-import " + name);
        try {
            TrustpointInfo.Active imported = admin.importFile(name, Path.of(file), secret);
            for (String line : TrustpointRows.importedLines(imported)) {
                session.getConsole().println(line);
            }
        } finally {
            Arrays.fill(secret, '\0');
            thread.setName(threadName);
        }
        return null;
    }

    private char[] read(String prompt) throws java.io.IOException {
        String line = session.readLine(prompt, NO_ECHO);
        return line == null ? new char[0] : line.toCharArray();
    }
}
