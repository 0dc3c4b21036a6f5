package io.flexgate.shell.client;

import io.flexgate.api.client.ClientSessionInfo;
import io.flexgate.api.client.VpnClient;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code client:disconnect NAME}: DELETE to the headend, then the tunnel and its routes are removed. */
@Service
@Command(scope = "client", name = "disconnect", description = "Ends a client session (DELETE to the headend)")
public class ClientDisconnectCommand implements Action {

    /** Longest wait for the headend's answer: its retransmissions, with margin. */
    static final int WAIT_SECONDS = 70;

    @Reference(optional = true)
    VpnClient client;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", required = true, description = "Session name, as client:status shows it")
    String name;

    @Override
    public Object execute() throws Exception {
        ClientSessionInfo info = ClientText.require(client).disconnect(name)
                .orElseThrow(() -> new IllegalArgumentException("no client session " + name))
                .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        session.getConsole().println("client session " + info.name() + ": " + info.state().name()
                .toLowerCase(java.util.Locale.ROOT) + (info.detail().isEmpty() ? "" : " (" + info.detail() + ")"));
        return null;
    }
}
