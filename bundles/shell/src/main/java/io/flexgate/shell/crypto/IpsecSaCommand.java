package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionRegistry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code crypto:ipsec-sa}: IOS {@code show crypto ipsec sa}, per session its flows, counters and SPIs. */
@Service
@Command(scope = "crypto", name = "ipsec-sa", description = "Shows the IPsec SAs and their counters (show crypto ipsec sa)")
public class IpsecSaCommand implements Action {

    @Reference(optional = true)
    SessionRegistry registry;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output for scripts: no blank lines")
    boolean noFormat;

    @Override
    public Object execute() {
        for (SessionInfo s : Sessions.require(registry).sessions()) {
            Sessions.print(session, SessionText.ipsecSa(s).stream().filter(l -> !noFormat || !l.isEmpty()).toList());
        }
        return null;
    }
}
