package io.flexgate.shell.debug;

import java.util.Map;
import org.apache.karaf.shell.api.console.Session;

/** The confirmation the debug commands print: what is on now, as IOS {@code show debugging} would. */
final class DebugCommands {

    private DebugCommands() {
    }

    static void report(Session session, Map<String, String> active) {
        if (active.isEmpty()) {
            session.getConsole().println("All possible debugging has been turned off");
            return;
        }
        session.getConsole().println("Debugging on (log:tail to watch):");
        active.forEach((logger, level) -> session.getConsole().println("  " + logger + " " + level));
    }
}
