package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionRegistry;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

/** Completes the peers' outer addresses. */
@Service
public class PeerCompleter implements Completer {

    @Reference(optional = true)
    SessionRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return SessionCompletions.complete(registry, s -> s.remote().getAddress().getHostAddress(), session, commandLine, candidates);
    }
}
