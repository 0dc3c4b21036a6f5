package io.flexgate.client;

import io.flexgate.api.client.ClientSessionInfo;
import io.flexgate.api.client.ConnectRequest;
import io.flexgate.api.client.VpnClient;
import io.flexgate.api.tun.TunFactory;
import io.flexgate.ikev2.initiator.InitiatorResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client in Karaf ({@code client:connect}, {@code client:status}, {@code client:disconnect}): the same
 * sessions as {@code ./flexgate connect}, each on a serial thread of its own, with the tunnel on a TUN device of
 * the Linux TunFactory service when one is bound and the operator names a device. Sockets open only on an
 * operator's command, and only while this component is configured (PID {@value #PID}).
 */
@Component(service = VpnClient.class, configurationPid = VpnClientComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = VpnClientComponent.Config.class)
public final class VpnClientComponent implements VpnClient {

    static final String PID = "io.flexgate.client";
    private static final Logger LOG = LoggerFactory.getLogger(VpnClientComponent.class);

    /** Configuration of PID {@value VpnClientComponent#PID}. */
    @ObjectClassDefinition(name = "FlexGate client", description = "Client sessions started from the Karaf console")
    public @interface Config {
        @AttributeDefinition(name = "Most sessions", description = "Sessions (of any state) kept at once", min = "1",
                max = "1000")
        int max_sessions() default DEFAULT_MAX_SESSIONS;

        @AttributeDefinition(name = "DPD interval", description = "Seconds without traffic from the headend before a"
                + " dead peer detection request; 0 turns it off", min = "0", max = "3600")
        int dpd_seconds() default ClientOptions.DEFAULT_DPD_SECONDS;
    }

    static final int DEFAULT_MAX_SESSIONS = 16;
    /** How long deactivation waits for each headend to confirm a DELETE. */
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final int maxSessions;
    private final Duration dpd;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    /** Sessions by name, in start order; guarded by this. */
    private final Map<String, ClientEntry> sessions = new LinkedHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + TunFactory.PROP_KIND + "=linux)")
    private volatile TunFactory tunFactory;

    @Activate
    public VpnClientComponent(Config config) {
        this(config.max_sessions(), Duration.ofSeconds(config.dpd_seconds()), Clock.systemUTC());
    }

    VpnClientComponent(int maxSessions, Duration dpd, Clock clock) {
        this.maxSessions = maxSessions;
        this.dpd = dpd;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> ClientSession.daemon(r, "flexgate-client-timer"));
    }

    /** For tests: the TUN factory a DS reference would bind. */
    void tunFactory(TunFactory factory) {
        this.tunFactory = factory;
    }

    @Override
    public CompletionStage<ClientSessionInfo> connect(ConnectRequest request) {
        ClientEntry entry;
        try {
            entry = start(request);
        } finally {
            request.password().wipe();
        }
        return entry.session().start().thenApply(result -> established(entry, result));
    }

    private ClientEntry start(ConnectRequest request) {
        if (!List.of("anyconnect", "mschapv2", "md5", "gtc").contains(request.eapMethod())) {
            throw new IllegalArgumentException("EAP method must be anyconnect, mschapv2, md5 or gtc, not "
                    + request.eapMethod());
        }
        synchronized (this) {
            ClientEntry old = sessions.get(request.name());
            if (old != null && old.isLive()) {
                throw new IllegalArgumentException("a session named " + request.name() + " exists ("
                        + old.state() + "); disconnect it first");
            }
            if (old == null && sessions.size() >= maxSessions && !dropOneEnded()) {
                throw new IllegalArgumentException("at most " + maxSessions + " client sessions (" + PID
                        + " max.sessions)");
            }
        }
        List<X509Certificate> cas;
        InetSocketAddress headend;
        try {
            cas = ClientSession.loadCas(request.caFile());
            headend = new InetSocketAddress(InetAddress.getByName(request.host()), request.port());
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ClientOptions options = new ClientOptions(request.host(), request.port(), request.user(), request.eapMethod(),
                Optional.of(request.caFile()), request.serverName(), request.group(), request.tunName().orElse("fgc0"),
                Duration.ZERO, 1, 1, request.tunName().isEmpty(), dpd, List.of(), true, ClientOptions.DEFAULT_GROUPS);
        ClientEntry entry = new ClientEntry(request, clock);
        ClientSession session;
        try {
            session = new ClientSession(options, headend, cas, request.password(), entry.serial(), s -> { });
        } catch (IOException | RuntimeException e) {
            entry.close();
            throw new IllegalArgumentException("no socket towards " + headend + ": " + e.getMessage(), e);
        }
        entry.session(session, timer.scheduleAtFixedRate(session::tick, ClientSession.TICK.toMillis(),
                ClientSession.TICK.toMillis(), TimeUnit.MILLISECONDS));
        synchronized (this) {
            sessions.put(request.name(), entry);
        }
        LOG.info("client session {}: connecting {}", request.name(), request);
        return entry;
    }

    /** Makes room by forgetting the oldest failed or ended session; false when every one is live. */
    private boolean dropOneEnded() {
        Optional<String> ended = sessions.entrySet().stream().filter(e -> !e.getValue().isLive()).map(Map.Entry::getKey)
                .findFirst();
        ended.ifPresent(sessions::remove);
        return ended.isPresent();
    }

    private ClientSessionInfo established(ClientEntry entry, InitiatorResult result) {
        if (result instanceof InitiatorResult.Failed f) {
            entry.failed(f.message());
            LOG.warn("client session {} failed: {}", entry.name(), f.message());
            return entry.info();
        }
        InitiatorResult.Established up = (InitiatorResult.Established) result;
        TunFactory tuns = tunFactory;
        Optional<String> problem = Optional.empty();
        if (entry.request().tunName().isPresent()) {
            if (tuns == null) {
                problem = Optional.of("no Linux TunFactory service (feature flexgate-tun): no tunnel");
            } else {
                try {
                    ClientTunnel tunnel = ClientTunnel.open(up.tunnel(), entry.request().tunName().get(), tuns,
                            entry.session().transport());
                    entry.session().onChildSaChange(tunnel);
                    entry.tunnel(tunnel);
                } catch (io.flexgate.api.dataplane.DataPlaneException | RuntimeException e) {
                    problem = Optional.of("no tunnel: " + e.getMessage());
                }
            }
        }
        entry.connected(up.tunnel(), problem.orElse(up.tunnel().banner().orElse("")));
        if (!dpd.isZero()) {
            entry.dpd(timer.scheduleAtFixedRate(new DeadPeerDetection(entry.session(), entry::tunnel), dpd.toMillis(),
                    dpd.toMillis(), TimeUnit.MILLISECONDS));
        }
        entry.session().initiator().closed().whenComplete((why, e) -> entry.ended(why == null ? "ended" : why));
        LOG.info("client session {} connected{}", entry.name(), problem.map(p -> " (" + p + ")").orElse(""));
        return entry.info();
    }

    @Override
    public synchronized List<ClientSessionInfo> sessions() {
        List<ClientSessionInfo> out = new ArrayList<>();
        sessions.values().forEach(e -> out.add(e.info()));
        return out;
    }

    @Override
    public Optional<CompletionStage<ClientSessionInfo>> disconnect(String name) {
        ClientEntry entry;
        synchronized (this) {
            entry = sessions.get(name);
        }
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.isLive() || entry.session() == null) {
            return Optional.of(CompletableFuture.completedFuture(entry.info()));
        }
        return Optional.of(entry.session().disconnect().handle((why, e) -> {
            entry.ended(e == null ? why : "the headend did not confirm the DELETE");
            return entry.info();
        }));
    }

    @Deactivate
    void deactivate() {
        List<ClientEntry> all;
        synchronized (this) {
            all = new ArrayList<>(sessions.values());
            sessions.clear();
        }
        for (ClientEntry e : all) {
            if (e.isLive() && e.session() != null) {
                try {
                    e.session().disconnect().toCompletableFuture().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
                    LOG.warn("client session {}: the headend did not confirm the DELETE", e.name());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            e.ended("the client component stopped");
        }
        timer.shutdownNow();
    }
}
