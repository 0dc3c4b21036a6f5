package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.accounting.AccountingSender;
import io.flexgate.aaa.radius.accounting.AccountingSpool;
import io.flexgate.aaa.radius.accounting.RadiusAccounting;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import io.flexgate.api.session.SessionRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RADIUS accounting for every session, through the server group the configuration names (found by its
 * {@code radius.group} property when each record is sent, so the group may come later). Records wait in
 * the spool directory while no server answers, and across restarts.
 */
@Component(service = SessionListener.class, configurationPid = "io.flexgate.aaa.radius.accounting",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RadiusAccountingConfiguration.class)
public final class RadiusAccountingComponent implements SessionListener {

    static final String DEFAULT_SPOOL = "flexgate/radius-accounting";

    private static final Logger LOG = LoggerFactory.getLogger(RadiusAccountingComponent.class);

    private final GroupByName group;
    private final AccountingSender sender;
    private final RadiusAccounting accounting;
    private final ScheduledExecutorService periodic;
    private final RegistryRef registry = new RegistryRef();

    @Activate
    public RadiusAccountingComponent(RadiusAccountingConfiguration config) throws IOException {
        this.group = new GroupByName(config.group(), "radius accounting");
        String groupName = group.name();
        Path spool = config.spool_directory().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data")).resolve(DEFAULT_SPOOL)
                : Path.of(config.spool_directory());
        this.sender = new AccountingSender(groupName, new AccountingSpool(spool),
                group, Duration.ofSeconds(config.retry_interval()),
                Clock.systemUTC());
        this.accounting = new RadiusAccounting(sender, config.nas_identifier(), Clock.systemUTC());
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
        LOG.info("radius accounting through group {}, spool {}, periodic update {} min", groupName, spool,
                config.update_periodic());
    }

    private void updateAll() {
        Optional<SessionRegistry> r = registry.get();
        if (r.isPresent()) {
            try {
                accounting.interimAll(r.get().sessions());
            } catch (RuntimeException e) {
                LOG.warn("radius accounting: periodic update failed: {}", e.toString());
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGroup(RadiusGroup g) {
        group.add(g);
        sender.kick();
    }

    void unbindGroup(RadiusGroup g) {
        group.remove(g);
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
        accounting.sessionUp(session);
    }

    @Override
    public void sessionInterim(SessionInfo session) {
        accounting.sessionInterim(session);
    }

    @Override
    public void sessionDown(SessionInfo session, DownReason reason) {
        accounting.sessionDown(session, reason);
    }

    @Deactivate
    void deactivate() {
        if (periodic != null) {
            periodic.shutdownNow();
        }
        sender.close();
    }
}
