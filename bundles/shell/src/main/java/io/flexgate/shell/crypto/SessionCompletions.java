package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionRegistry;
import java.util.List;
import java.util.function.Function;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completion from one field of the live sessions; nothing while the engine is absent. */
final class SessionCompletions {

    private SessionCompletions() {
    }

    static int complete(SessionRegistry registry, Function<SessionInfo, String> field, Session session,
            CommandLine commandLine, List<String> candidates) {
        if (registry == null) {
            return -1;
        }
        StringsCompleter values = new StringsCompleter(registry.sessions().stream().map(field).distinct().toList());
        return values.complete(session, commandLine, candidates);
    }
}
