package io.flexgate.shell.client;

import io.flexgate.api.Secret;
import io.flexgate.api.client.ClientSessionInfo;
import io.flexgate.api.client.VpnClient;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code client:connect HOST --user U --ca FILE [...]}: starts a client session to a headend (as
 * {@code ./flexgate connect} does) and waits until it is up or has failed. The password is asked for without
 * echo unless {@code --password} is given (which puts it in the console history: for test accounts only).
 */
@Service
@Command(scope = "client", name = "connect", description = "Connects to an IKEv2 headend as a client "
        + "(AnyConnect-EAP, EAP-MSCHAPv2, MD5 or GTC)")
public class ClientConnectCommand implements Action {

    /** Longest wait for the session to come up: every retransmission of every exchange, with margin. */
    static final int DEFAULT_TIMEOUT_SECONDS = 120;

    @Reference(optional = true)
    VpnClient client;

    @Reference
    Session session;

    @Argument(index = 0, name = "host", required = true, description = "Headend name or address")
    String host;

    @Option(name = "--user", required = true, description = "User name")
    String user;

    @Option(name = "--ca", required = true, description = "PEM file with the CA certificate the headend's must chain to")
    String ca;

    @Option(name = "--method", description = "anyconnect (default), mschapv2, md5 or gtc")
    String method = "anyconnect";

    @Option(name = "--server-name", description = "Name the headend's certificate must carry, if not the host")
    String serverName;

    @Option(name = "--group", description = "AnyConnect tunnel group")
    String group;

    @Option(name = "--port", description = "Headend IKE port (500)")
    int port = 500;

    @Option(name = "--name", description = "Session name for client:status and client:disconnect (the host)")
    String name;

    @Option(name = "--tun", description = "TUN device for the tunnel (needs CAP_NET_ADMIN); none: control plane only")
    String tun;

    @Option(name = "--password", description = "The password (goes into the console history; asked for when absent)",
            censor = true)
    String password;

    @Option(name = "--timeout", description = "Seconds to wait for the session to come up")
    int timeout = DEFAULT_TIMEOUT_SECONDS;

    @Override
    public Object execute() throws Exception {
        VpnClient c = ClientText.require(client);
        Secret secret = password();
        ClientSessionInfo info;
        try {
            info = c.connect(ClientText.request(host, Optional.ofNullable(name), port, user, method, ca,
                    Optional.ofNullable(serverName), Optional.ofNullable(group), Optional.ofNullable(tun), secret))
                    .toCompletableFuture().get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no result within " + timeout + " s; see client:status", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            secret.wipe();
        }
        ClientText.connected(info).forEach(session.getConsole()::println);
        if (info.state() != ClientSessionInfo.State.CONNECTED) {
            throw new IllegalStateException("client session " + info.name() + " failed: " + info.detail());
        }
        return null;
    }

    private Secret password() throws java.io.IOException {
        if (password != null) {
            return Secret.ofPassword(password.toCharArray());
        }
        String line = session.readLine("Password for " + user + ": ", '*');
        char[] chars = line == null ? new char[0] : line.toCharArray();
        try {
            return Secret.ofPassword(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
