package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionRegistry;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/** Completes the session IDs. */
@Service
public class SessionIdCompleter implements Completer {

    @Reference(optional = true)
    SessionRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return SessionCompletions.complete(registry, s -> Long.toString(s.sessionId()), session, commandLine, candidates);
    }
}
