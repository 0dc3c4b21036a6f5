package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.accounting.AccountingRouter;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import io.flexgate.api.session.SessionRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RADIUS accounting driven by IOS method lists: a session is accounted through the {@code aaa accounting}
 * list its IKEv2 profile names ({@code aaa.accounting.list}), whose {@code group NAME} methods are RADIUS
 * server groups; a profile without one uses the configured default group, if any. Records wait in a spool
 * directory per list while no server answers, and across restarts. When the whole gateway stops, this
 * listener goes before the engine does, so it writes the Stop (Admin-Reboot) of every open session itself
 * and gives delivery a bounded moment; what is not acknowledged by then goes out after the next start.
 */
@Component(service = SessionListener.class, configurationPid = "io.flexgate.aaa.radius.accounting",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RadiusAccountingConfiguration.class)
public final class RadiusAccountingComponent implements SessionListener {

    static final String DEFAULT_SPOOL = "flexgate/radius-accounting";
    /** How long a stopping gateway waits for the last records to be acknowledged. */
    static final Duration SHUTDOWN_DELIVERY = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(RadiusAccountingComponent.class);

    private final BundleContext context;
    private final ProfileAccountingRoutes routes;
    private final AccountingRouter router;
    private final ScheduledExecutorService periodic;
    private final RegistryRef registry = new RegistryRef();
    private volatile ConfigurationAdmin configurationAdmin;

    @Activate
    public RadiusAccountingComponent(RadiusAccountingConfiguration config, BundleContext context) throws IOException {
        this.context = context;
        this.routes = new ProfileAccountingRoutes(p -> ProfileAccountingRoutes.accountingList(configurationAdmin, p),
                config.group());
        Path spool = config.spool_directory().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data")).resolve(DEFAULT_SPOOL)
                : Path.of(config.spool_directory());
        this.router = new AccountingRouter(routes, new AccountingRouter.Settings(spool, config.nas_identifier(),
                Duration.ofSeconds(config.retry_interval()), Clock.systemUTC()));
        if (config.update_periodic() > 0) {
            periodic = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "radius-accounting-update");
                t.setDaemon(true);
                return t;
            });
            long minutes = config.update_periodic();
            periodic.scheduleAtFixedRate(this::updateAll, minutes, minutes, TimeUnit.MINUTES);
        } else {
            periodic = null;
        }
        LOG.info("radius accounting by the profiles' aaa accounting lists{}, spool {}, periodic update {} min",
                config.group().isBlank() ? "" : " (default group " + config.group().strip() + ")", spool,
                config.update_periodic());
    }

    private void updateAll() {
        Optional<SessionRegistry> r = registry.get();
        if (r.isPresent()) {
            try {
                router.interimAll(r.get().sessions());
            } catch (RuntimeException e) {
                LOG.warn("radius accounting: periodic update failed: {}", e.toString());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGroup(RadiusGroup g) {
        routes.add(g);
        router.kick();
    }

    void unbindGroup(RadiusGroup g) {
        routes.remove(g);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + AaaMethodList.PROP_KIND + "=accounting)")
    void bindList(AaaMethodList list) {
        routes.add(list);
        router.kick();
    }

    void unbindList(AaaMethodList list) {
        routes.remove(list);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfigurationAdmin(ConfigurationAdmin admin) {
        configurationAdmin = admin;
    }

    void unbindConfigurationAdmin(ConfigurationAdmin admin) {
        if (configurationAdmin == admin) {
            configurationAdmin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(SessionRegistry r) {
        registry.bind(r);
    }

    void unbindRegistry(SessionRegistry r) {
        registry.unbind(r);
    }

    @Override
    public void sessionUp(SessionInfo session) {
        router.sessionUp(session);
    }

    @Override
    public void sessionRekeyed(SessionInfo session) {
        router.sessionRekeyed(session);
    }

    @Override
    public void sessionInterim(SessionInfo session) {
        router.sessionInterim(session);
    }

    @Override
    public void sessionDown(SessionInfo session, DownReason reason) {
        router.sessionDown(session, reason);
    }

    @Deactivate
    void deactivate() {
        if (periodic != null) {
            periodic.shutdownNow();
        }
        if (frameworkStopping()) {
            List<SessionInfo> current = registry.get().map(r -> List.copyOf(r.sessions())).orElse(List.of());
            int n = router.stopAll(current, DownReason.SHUTDOWN);
            try {
                router.whenEmpty().get(SHUTDOWN_DELIVERY.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("radius accounting: gateway stopping, Stop for {} open sessions, every record delivered", n);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("radius accounting: gateway stopping, Stop for {} open sessions; records not acknowledged "
                        + "within {} s stay spooled for the next start", n, SHUTDOWN_DELIVERY.toSeconds());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        router.close();
    }

    /** The framework itself is stopping (not just this bundle or this configuration). */
    private boolean frameworkStopping() {
        try {
            Bundle system = context.getBundle(0);
            return system != null && system.getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
