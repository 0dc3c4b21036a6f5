package io.flexgate.shell.crypto;

import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code crypto:session [--detail]}: IOS {@code show crypto session [detail]}. */
@Service
@Command(scope = "crypto", name = "session", description = "Shows the crypto sessions (show crypto session [detail])")
public class SessionCommand implements Action {

    @Reference(optional = true)
    SessionRegistry registry;

    /** Optional: without it the remaining {@code life (KB/Sec)} is left out. */
    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference
    Session session;

    @Option(name = "--detail", description = "Uptime, Phase1_id, capabilities, packet counters and lifetimes")
    boolean detail;

    @Option(name = "--no-format", description = "Plain output for scripts: no legend, no blank lines")
    boolean noFormat;

    @Override
    public Object execute() throws IOException {
        List<SessionInfo> sessions = Sessions.require(registry).sessions();
        Instant now = Instant.now();
        if (!noFormat) {
            Sessions.print(session, detail ? SessionText.SESSION_LEGEND : SessionText.SESSION_LEGEND.subList(0, 2));
        }
        for (SessionInfo s : sessions) {
            Optional<ChildSaSpec.Lifetime> life = detail && configAdmin != null
                    ? new TemplateLookup(configAdmin).childLifetime(s.profile()) : Optional.empty();
            Sessions.print(session, SessionText.session(s, detail, now, life));
            if (!noFormat) {
                session.getConsole().println();
            }
        }
        return null;
    }
}
