package io.flexgate.client;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectPeer;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.ikev2.engine.SerialExecutors;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.initiator.InitiatorResult;
import io.flexgate.ikev2.initiator.TunnelParameters;
import io.flexgate.tun.linux.LinuxTunConfiguration;
import io.flexgate.tun.linux.LinuxTunFactory;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./flexgate connect HOST --user U}: asks for the password, connects with progress lines, prints what
 * the headend granted, opens the tunnel ({@link ClientTunnel}: a TUN with the address, the split routes or all
 * traffic, ESP in UDP with the CHILD_SA's keys; needs root), follows the headend's CHILD_SA rekeys, runs dead peer
 * detection, and stays up until Ctrl-C (or SIGTERM), {@code --hold S} or the headend ends the session; then sends
 * DELETE and removes the TUN and its routes.
 *
 * <p>Exit codes: 0 connected (and disconnected), 2 authentication failed, 3 server not trusted, 4 no answer,
 * 5 refused by the headend for another reason, 1 anything else.
 */
final class ConnectCommand {

    static final int EXIT_AUTH = 2;
    static final int EXIT_UNTRUSTED = 3;
    static final int EXIT_TIMEOUT = 4;
    static final int EXIT_REFUSED = 5;
    static final int EXIT_OTHER = 1;
    /** Longest a connection attempt may take: every retransmission of every exchange, with margin. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** iproute2, for the headend's host route of a full tunnel. */
    static final String IP_COMMAND = "ip";
    /** Longest password line read from a pipe. */
    static final int MAX_PASSWORD_CHARS = 1024;

    private final PrintStream out;
    private final PrintStream err;

    ConnectCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(ClientOptions o) throws Exception {
        if (o.caFile().isEmpty()) {
            err.println("flexgate connect: --ca FILE is required (the CA certificate that issued the headend's)");
            return EXIT_OTHER;
        }
        List<X509Certificate> cas = ClientSession.loadCas(o.caFile().get());
        InetSocketAddress headend = new InetSocketAddress(InetAddress.getByName(o.host()), o.port());
        Secret password = readPassword(o.user());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                r -> ClientSession.daemon(r, "flexgate-client-timer"));
        try (SerialExecutors executors = new SerialExecutors(1, "flexgate-client");
                ClientSession session = new ClientSession(o, headend, cas, password, task -> executors.execute(0, task),
                        s -> progress(s, o, headend))) {
            timer.scheduleAtFixedRate(session::tick, ClientSession.TICK.toMillis(), ClientSession.TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
            InitiatorResult result = session.start().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result instanceof InitiatorResult.Failed f) {
                err.println("flexgate connect: " + f.message());
                return exitCode(f.reason());
            }
            TunnelParameters t = ((InitiatorResult.Established) result).tunnel();
            describe(t);
            session.initiator().eapPeer().filter(AnyConnectPeer.class::isInstance).map(AnyConnectPeer.class::cast)
                    .ifPresent(this::describeAnyConnect);
            Teardown teardown = new Teardown(session);
            if (!o.noTun()) {
                try {
                    openTunnel(o, t, session, teardown);
                } catch (DataPlaneException | IOException | RuntimeException e) {
                    err.println("flexgate connect: no tunnel (" + e.getMessage() + "); run as root (CAP_NET_ADMIN"
                            + " and /dev/net/tun), or use --no-tun");
                    teardown.run();
                    return EXIT_OTHER;
                }
            }
            if (!o.dpd().isZero()) {
                DeadPeerDetection dpd = new DeadPeerDetection(session, teardown::tunnel);
                timer.scheduleAtFixedRate(dpd, o.dpd().toMillis(), o.dpd().toMillis(), TimeUnit.MILLISECONDS);
            }
            waitForEnd(o, session, teardown);
            teardown.run();
            return 0;
        } finally {
            password.wipe();
            timer.shutdownNow();
        }
    }

    /** The TUN with our address, the routes, the ESP data path, and CHILD_SA changes followed. */
    private void openTunnel(ClientOptions o, TunnelParameters t, ClientSession session, Teardown teardown)
            throws DataPlaneException, IOException {
        if (t.splitRoutes().isEmpty()) {
            teardown.pin(HeadendRoute.pin(IP_COMMAND, t.remote().getAddress()));
        }
        ClientTunnel tunnel = ClientTunnel.open(t, o.tunName(), new LinuxTunFactory(linuxDefaults()),
                session.transport());
        teardown.tunnel(tunnel);
        session.onChildSaChange(tunnel);
        out.println("tun " + o.tunName() + " up with " + t.address().map(InetAddress::getHostAddress).orElse("?")
                + ", routes " + String.join(" ", tunnel.routes().stream().map(IpPrefix::toString).toList())
                + (t.splitRoutes().isEmpty() ? " (all traffic)" : " (split tunnel)"));
    }

    static String describe(ChildSaCounters c) {
        return String.format("%d packets (%d octets) encrypted, %d packets (%d octets) decrypted, dropped: %d replay,"
                + " %d integrity, %d malformed, %d outbound", c.packetsEncrypted(), c.bytesEncrypted(),
                c.packetsDecrypted(), c.bytesDecrypted(), c.dropsReplay(), c.dropsIntegrity(), c.dropsMalformed(),
                c.dropsOutbound());
    }

    /**
     * Ends the session once, from whichever comes first (the hold time, the headend, DPD, Ctrl-C's shutdown hook):
     * DELETE to the headend, then the CHILD_SAs, the TUN and its routes, then the headend's host route.
     */
    private final class Teardown implements Runnable {
        private final ClientSession session;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ClientTunnel tunnel;
        private volatile HeadendRoute pin;

        Teardown(ClientSession session) {
            this.session = session;
        }

        void tunnel(ClientTunnel t) {
            tunnel = t;
        }

        Optional<ClientTunnel> tunnel() {
            return Optional.ofNullable(tunnel);
        }

        void pin(HeadendRoute route) {
            pin = route;
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            disconnect(session);
            if (tunnel != null) {
                out.println("ESP " + describe(tunnel.counters()));
                tunnel.close();
            }
            if (pin != null) {
                pin.close();
            }
            out.println("disconnected");
        }
    }

    private void progress(IkeInitiator.State s, ClientOptions o, InetSocketAddress headend) {
        switch (s) {
            case INIT_SENT -> out.println("IKE_SA_INIT -> " + headend);
            case AUTH_SENT -> out.println("IKE_SA_INIT done; IKE_AUTH as " + (o.method().equals("anyconnect")
                    ? "the AnyConnect client" : o.user()));
            case EAP -> out.println("server certificate of " + o.expectedServerName() + " verified; EAP-" + o.method()
                    + " as " + o.user());
            case FINAL_AUTH_SENT -> out.println("EAP succeeded; sending AUTH");
            case ESTABLISHED -> out.println("connected");
            case DELETING -> out.println("disconnecting");
            case CLOSED -> out.println("IKE SA deleted");
            default -> {
                // FAILED is reported with its reason by run()
            }
        }
    }

    private void describe(TunnelParameters t) {
        out.println("address " + t.address().map(InetAddress::getHostAddress).orElse("(none)")
                + t.netmask().map(m -> " netmask " + m.getHostAddress()).orElse(""));
        out.println("dns " + (t.dnsServers().isEmpty() ? "(none)"
                : String.join(" ", t.dnsServers().stream().map(InetAddress::getHostAddress).toList()))
                + t.dnsDomain().map(d -> " domain " + d).orElse(""));
        out.println("routes " + (t.splitRoutes().isEmpty() ? "all traffic"
                : String.join(" ", t.splitRoutes().stream().map(IpPrefix::toString).toList())));
        t.banner().ifPresent(b -> out.println("banner " + b));
        out.printf("CHILD_SA in %08x out %08x %s/%d %s%s%n", t.child().inboundSpi(), t.child().outboundSpi(),
                t.child().encryption().name(), t.child().keyBits(), t.child().integrity().name(),
                t.udpEncapsulation() ? " (UDP-encapsulated)" : "");
    }

    /** What the headend's AnyConnect {@code complete} said: banner and the profile it announces. */
    private void describeAnyConnect(AnyConnectPeer peer) {
        peer.banner().ifPresent(b -> out.println("banner " + b));
        peer.completion().flatMap(AnyConnectPeer.Completion::profile).ifPresent(p -> out.println("anyconnect profile "
                + p.fileName() + " (" + p.uri() + ", SHA-1 " + p.sha1Hex() + "; not downloaded: the headend "
                + "serves it out of band, crypto:anyconnect-profile-export)"));
    }

    private void waitForEnd(ClientOptions o, ClientSession session, Teardown teardown) throws InterruptedException {
        CountDownLatch end = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            teardown.run();
            end.countDown();
        }, "flexgate-client-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        session.initiator().closed().whenComplete((why, e) -> {
            out.println("session ended: " + why);
            end.countDown();
        });
        if (o.hold().isZero()) {
            end.await();
        } else {
            end.await(o.hold().toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook tears down
        }
    }

    private void disconnect(ClientSession session) {
        try {
            session.disconnect().get(DISCONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            err.println("flexgate connect: the headend did not confirm the disconnect");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int exitCode(InitiatorResult.Reason reason) {
        return switch (reason) {
            case AUTHENTICATION_FAILED -> EXIT_AUTH;
            case SERVER_NOT_TRUSTED -> EXIT_UNTRUSTED;
            case TIMEOUT -> EXIT_TIMEOUT;
            case REFUSED -> EXIT_REFUSED;
            case PROTOCOL_ERROR -> EXIT_OTHER;
        };
    }

    /** From the terminal without echo, or one line from standard input when there is no terminal (scripts). */
    static Secret readPassword(String user) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] chars = console.readPassword("Password for %s: ", user);
            if (chars == null) {
                throw new IOException("no password given");
            }
            try {
                return Secret.ofPassword(chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        char[] buffer = new char[MAX_PASSWORD_CHARS];
        int n = 0;
        int c;
        while (n < buffer.length && (c = in.read()) >= 0 && c != '\n' && c != '\r') {
            buffer[n++] = (char) c;
        }
        char[] line = Arrays.copyOf(buffer, n);
        try {
            return Secret.ofPassword(line);
        } finally {
            Arrays.fill(buffer, '\0');
            Arrays.fill(line, '\0');
        }
    }

    static LinuxTunConfiguration linuxDefaults() {
        return new LinuxTunConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LinuxTunConfiguration.class;
            }

            @Override
            public String device_path() {
                return "/dev/net/tun";
            }

            @Override
            public String ip_command() {
                return "ip";
            }
        };
    }

}
