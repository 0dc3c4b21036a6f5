package io.flexgate.shell.config;

import io.flexgate.api.config.IosConfiguration;
import io.flexgate.api.config.IosConfiguration.ImportReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code flexgate:import-ios FILE [--dry-run] [--partial]}: pastes a FlexVPN configuration into ConfigAdmin.
 * Rejected lines are listed with their number and reason; nothing is applied while any is rejected unless
 * {@code --partial} is given.
 */
@Service
@Command(scope = "flexgate", name = "import-ios", description = "Imports a FlexVPN (IOS) configuration file "
        + "into the FlexGate configuration; --dry-run shows what would change")
public class ImportIosCommand implements Action {

    /** A running-config larger than this is not what the operator meant to import. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    @Reference(optional = true)
    IosConfiguration ios;

    @Reference
    Session session;

    @Argument(index = 0, name = "file", required = true, description = "IOS configuration file; relative to "
            + "the Karaf base directory")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--dry-run", description = "Show what would change; change nothing")
    boolean dryRun;

    @Option(name = "--partial", description = "Apply the supported lines even when some are rejected")
    boolean partial;

    @Override
    public Object execute() throws IOException {
        IosConfiguration service = IosCommands.require(ios);
        Path path = IosCommands.resolve(file);
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(path + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        ImportReport report = dryRun ? service.plan(text) : service.apply(text, partial);
        ImportReportText.lines(report, dryRun).forEach(l -> session.getConsole().println(l));
        return null;
    }
}
