package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.api.session.SessionRegistry;
import io.flexgate.api.session.SessionRegistry.Selector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code crypto:clear-session [--peer IP | --id N | --user U]}: IOS {@code clear crypto session [remote IP]}.
 * Without an option every session is cleared, as IOS does.
 */
@Service
@Command(scope = "crypto", name = "clear-session", description = "Tears sessions down: DELETE to the peer, SAs "
        + "removed, address released (clear crypto session); all of them without an option")
public class ClearSessionCommand implements Action {

    @Reference(optional = true)
    SessionRegistry registry;

    @Reference
    Session session;

    @Option(name = "--peer", description = "The peer's outer address (clear crypto session remote IP)")
    @Completion(PeerCompleter.class)
    String peer;

    @Option(name = "--id", description = "Session ID, as crypto:session prints it")
    @Completion(SessionIdCompleter.class)
    Long id;

    @Option(name = "--user", description = "The authenticated user name")
    @Completion(UserCompleter.class)
    String user;

    @Override
    public Object execute() throws UnknownHostException {
        int cleared = Sessions.require(registry).clear(selector(), DownReason.OPERATOR_CLEAR);
        session.getConsole().println(cleared == 1 ? "1 session cleared" : cleared + " sessions cleared");
        return null;
    }

    Selector selector() throws UnknownHostException {
        int given = (peer != null ? 1 : 0) + (id != null ? 1 : 0) + (user != null ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("give at most one of --peer, --id, --user");
        }
        if (peer != null) {
            if (!peer.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("--peer takes an address, not a name: " + peer);
            }
            return new Selector.ByPeer(InetAddress.getByName(peer));
        }
        if (id != null) {
            return new Selector.ById(id);
        }
        return user != null ? new Selector.ByUser(user) : new Selector.All();
    }
}
