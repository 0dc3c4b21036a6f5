package io.flexgate.shell.debug;

import org.apache.karaf.shell.api.console.Session;

/** The confirmation the debug commands print: what is on now, as IOS {@code show debugging} would. */
final class DebugCommands {

    private DebugCommands() {
    }

    static void report(Session session, DebugLevels.Applied applied) {
        if (applied.active().isEmpty()) {
            session.getConsole().println("All possible debugging has been turned off");
        } else {
            session.getConsole().println("Debugging on (log:tail to watch):");
            applied.active().forEach((logger, level) -> session.getConsole().println("  " + logger + " " + level));
        }
        if (!applied.settled()) {
            session.getConsole().println("% the change did not settle within " + DebugLevels.MAX_ATTEMPTS + " x "
                    + DebugLevels.WRITE_BACK_TIMEOUT.toSeconds() + " s (etc/" + DebugLevels.PAX_LOGGING_PID
                    + ".cfg not rewritten, or the levels were put back): check with log:get");
        } else if (!DebugLevels.fileInstallWritesBack()) {
            session.getConsole().println("(until the next restart, as IOS debugs)");
        }
    }
}
