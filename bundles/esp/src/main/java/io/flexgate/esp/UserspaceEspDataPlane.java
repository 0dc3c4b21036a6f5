package io.flexgate.esp;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.api.tun.TunException;
import io.flexgate.api.tun.TunFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userspace ESP data plane (strongSwan's kernel-libipsec idea): ESP in UDP on the engine's port-4500
 * socket, inner packets through one TUN device per tunnel interface, one reader thread per device.
 *
 * <p>The TUN factory is optional and dynamic: while none is bound, installs fail with a clear message and
 * installed SAs stay in place (their inbound packets cannot be delivered); when one (re)appears, devices and
 * routes are recreated for every installed SA.
 */
@Component(service = DataPlane.class, configurationPid = UserspaceEspDataPlane.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = DataPlane.PROP_KIND + "=" + UserspaceEspDataPlane.KIND)
@Designate(ocd = EspConfig.class)
public final class UserspaceEspDataPlane implements DataPlane {

    static final String PID = "io.flexgate.esp";
    static final String KIND = "userspace-esp";

    private static final Logger LOG = LoggerFactory.getLogger(UserspaceEspDataPlane.class);

    private final Clock clock;
    private final SecureRandom random;
    private final SaDatabase sad = new SaDatabase();
    private final EspProcessor processor;
    private final ScheduledExecutorService timer;
    /** Open devices by tunnel interface; guarded by this. */
    private final Map<String, TunPort> ports = new HashMap<>();
    private volatile EspSettings settings;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;
    /** Each tunnel interface's MTU and address, from the interface configurations; replaced by tests. */
    private volatile TunnelInterfaces interfaces = new TunnelInterfaces(this::interfaceConfiguration);
    /** Guarded by this. */
    private TunFactory tunFactory;

    @Activate
    public UserspaceEspDataPlane(EspConfig config) {
        this(EspSettings.of(config), Clock.systemUTC(), new SecureRandom(), true);
    }

    /** For tests: no lifetime timer unless asked; call {@link #checkLifetimes()} with a fake clock. */
    UserspaceEspDataPlane(EspSettings settings, Clock clock, SecureRandom random, boolean lifetimeTimer) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.processor = new EspProcessor(sad, clock, new EspProcessor.Expiries() {
            @Override
            public void soft(EspSaPair pair) {
                softExpired(pair);
            }

            @Override
            public void hard(EspSaPair pair) {
                hardExpired(pair);
            }
        });
        if (lifetimeTimer) {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "flexgate-esp-lifetime");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::checkLifetimesSafely, settings.lifetimeCheckSeconds(),
                    settings.lifetimeCheckSeconds(), TimeUnit.SECONDS);
        } else {
            this.timer = null;
        }
    }

    @Modified
    void modified(EspConfig config) {
        EspSettings next = EspSettings.of(config);
        if (next.mtu() != settings.mtu()) {
            LOG.info("default tunnel MTU {} applies to TUN devices opened from now on whose interface sets no ip mtu",
                    next.mtu());
        }
        if (next.lifetimeCheckSeconds() != settings.lifetimeCheckSeconds()) {
            LOG.info("lifetime.check.seconds {} applies after the data plane restarts", next.lifetimeCheckSeconds());
        }
        settings = next;
    }

    /**
     * A data plane embedded outside OSGi (the FlexGate client): made as SCR makes the component, from {@code config},
     * and bound to {@code tuns} as SCR binds the TUN factory (the config's {@code tunFactory.target} is not applied:
     * the caller chose the factory). End it with {@link #close()}. The DS component itself is unchanged.
     */
    public static UserspaceEspDataPlane embedded(EspConfig config, TunFactory tuns) {
        UserspaceEspDataPlane plane = new UserspaceEspDataPlane(config);
        plane.bindTunFactory(java.util.Objects.requireNonNull(tuns, "tuns"));
        return plane;
    }

    /**
     * Ends an {@link #embedded} data plane as SCR's deactivation ends the component: every CHILD_SA removed and its
     * keys wiped, every TUN device closed, the lifetime timer stopped. Idempotent.
     */
    public void close() {
        deactivate();
    }

    @Reference(name = "tunFactory", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = EspSettings.DEFAULT_TUN_FILTER)
    synchronized void bindTunFactory(TunFactory factory) {
        closePorts();
        tunFactory = factory;
        for (EspSaPair pair : sad.all()) {
            try {
                attach(pair);
            } catch (DataPlaneException e) {
                LOG.error("CHILD_SA {} has no TUN device now: {}", pair, e.getMessage());
            }
        }
    }

    synchronized void unbindTunFactory(TunFactory factory) {
        if (tunFactory == factory) {
            tunFactory = null;
            closePorts();
            LOG.warn("TunFactory went away: inbound ESP cannot be delivered until another one appears");
        }
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
        List<EspSaPair> pairs;
        synchronized (this) {
            pairs = sad.all();
            pairs.forEach(p -> sad.remove(p.inboundSpi()));
            closePorts();
        }
        pairs.forEach(EspSaPair::wipe);
        LOG.info("userspace ESP stopped, {} CHILD_SAs removed", pairs.size());
    }

    @Override
    public void install(ChildSaSpec spec, ChildSaEvents events) throws DataPlaneException {
        install(spec, events, 0L);
    }

    /** As {@link #install(ChildSaSpec, ChildSaEvents)}, with the outbound counter starting after {@code lastSequence}. */
    void install(ChildSaSpec spec, ChildSaEvents events, long lastSequence) throws DataPlaneException {
        Objects.requireNonNull(events, "events");
        if (!spec.udpEncapsulation()) {
            throw new DataPlaneException("userspace ESP sends ESP in UDP only (RFC 3948); " + spec
                    + " asks for plain ESP");
        }
        if (spec.remoteSelectors().isEmpty()) {
            throw new DataPlaneException("no remote traffic selector (the client's inner address) in " + spec);
        }
        if (spec.replayWindow() > ReplayWindow.MAX_SIZE) {
            throw new DataPlaneException("replay window " + spec.replayWindow() + " above " + ReplayWindow.MAX_SIZE);
        }
        EspAlgorithm algorithm = EspAlgorithm.of(spec.encryptionId(), spec.keyBits(), spec.integrityId());
        EspSaPair pair = newPair(spec, algorithm, events, lastSequence);
        synchronized (this) {
            try {
                if (sad.contains(spec.inboundSpi())) {
                    throw new DataPlaneException(String.format("inbound SPI %08x is installed already",
                            spec.inboundSpi()));
                }
                attach(pair);
                sad.add(pair);
            } catch (DataPlaneException | RuntimeException e) {
                pair.wipe();
                throw e;
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("CHILD_SA installed: {} {} on {}", spec, algorithm.name(), pair.port().name());
        }
    }

    private EspSaPair newPair(ChildSaSpec spec, EspAlgorithm algorithm, ChildSaEvents events, long lastSequence)
            throws DataPlaneException {
        byte[] inEncryption = spec.inboundEncryptionKey().bytes();
        byte[] inIntegrity = spec.inboundIntegrityKey().bytes();
        byte[] outEncryption = spec.outboundEncryptionKey().bytes();
        byte[] outIntegrity = spec.outboundIntegrityKey().bytes();
        EspTransform in = null;
        try {
            in = algorithm.newTransform(inEncryption, inIntegrity, null, random);
            EspTransform out = algorithm.newTransform(outEncryption, outIntegrity, null, random);
            int window = spec.replayWindow();
            return new EspSaPair(spec, algorithm, new InboundSa(spec.inboundSpi(), in, spec.esn(), window),
                    new OutboundSa(spec.outboundSpi(), out, spec.esn(), lastSequence), events,
                    new SaLifetime(spec.lifetime(), clock.instant()));
        } catch (DataPlaneException | RuntimeException e) {
            if (in != null) {
                in.wipe();
            }
            throw e;
        } finally {
            Arrays.fill(inEncryption, (byte) 0);
            Arrays.fill(inIntegrity, (byte) 0);
            Arrays.fill(outEncryption, (byte) 0);
            Arrays.fill(outIntegrity, (byte) 0);
        }
    }

    /** Opens (or reuses) the pair's device and adds its routes. Caller holds this. */
    private void attach(EspSaPair pair) throws DataPlaneException {
        TunPort port = port(pair.tunnelInterface());
        try {
            port.addRoutes(pair.remotePrefixes());
        } catch (IOException e) {
            throw new DataPlaneException("cannot route " + pair.remotePrefixes() + " into " + port.name() + ": "
                    + e.getMessage(), e);
        }
        pair.port(port);
    }

    private TunPort port(String tunnelInterface) throws DataPlaneException {
        TunPort port = ports.get(tunnelInterface);
        if (port != null) {
            return port;
        }
        if (tunFactory == null) {
            throw new DataPlaneException("no TUN device for " + tunnelInterface
                    + ": no TunFactory service matches the configured filter (" + PID + " tunFactory.target)");
        }
        EspSettings s = settings;
        String name;
        try {
            name = s.deviceName(tunnelInterface);
        } catch (IllegalArgumentException e) {
            throw new DataPlaneException(e.getMessage(), e);
        }
        TunnelInterfaces.Device device = interfaces.device(tunnelInterface, s.mtu());
        try {
            port = new TunPort(tunFactory.open(new TunFactory.TunSpec(name, device.mtu(), device.address(),
                    Optional.empty())), processor);
        } catch (TunException e) {
            throw new DataPlaneException("cannot open TUN device " + name + " for " + tunnelInterface + ": "
                    + e.getMessage(), e);
        }
        ports.put(tunnelInterface, port);
        LOG.info("TUN device {} (MTU {}, address {}) carries {}", name, device.mtu(),
                device.address().map(InetAddress::getHostAddress).orElse("none"), tunnelInterface);
        return port;
    }

    /** Caller holds this. */
    private void closePorts() {
        List<TunPort> open = new ArrayList<>(ports.values());
        ports.clear();
        for (EspSaPair pair : sad.all()) {
            pair.port(null);
        }
        open.forEach(TunPort::close);
    }

    @Override
    public void remove(int inboundSpi) {
        EspSaPair pair = detach(inboundSpi);
        if (pair == null) {
            return;
        }
        // The session's own down line says it ended; this one is news only when packets were dropped.
        String drops = dropReasons(pair);
        if (!drops.isEmpty()) {
            LOG.info("CHILD_SA removed: {} {}{}", pair, pair.counters().snapshot(), drops);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("CHILD_SA removed: {} {}", pair, pair.counters().snapshot());
        }
    }

    private EspSaPair detach(int inboundSpi) {
        EspSaPair pair = sad.byInboundSpi(inboundSpi);
        return pair != null && detach(pair) ? pair : null;
    }

    /** Takes {@code pair} out of the SAD and its routes away, then wipes it; false if it was gone already. */
    private boolean detach(EspSaPair pair) {
        synchronized (this) {
            if (!sad.remove(pair)) {
                return false;
            }
            TunPort port = pair.port();
            if (port != null) {
                port.removeRoutes(pair.remotePrefixes());
            }
        }
        pair.wipe();
        return true;
    }

    @Override
    public boolean updateEndpoints(int inboundSpi, InetSocketAddress local, InetSocketAddress remote) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        EspSaPair pair = sad.byInboundSpi(inboundSpi);
        if (pair == null) {
            return false;
        }
        EspSaPair.Endpoints before = pair.endpoints();
        EspSaPair.Endpoints after = new EspSaPair.Endpoints(local, remote);
        if (!after.equals(before)) {
            pair.endpoints(after);
            LOG.info("CHILD_SA {}: peer moved from {} to {}, ESP follows (RFC 7296 2.23)",
                    String.format("%08x", inboundSpi), before.remote(), remote);
        }
        return true;
    }

    @Override
    public Optional<ChildSaCounters> counters(int inboundSpi) {
        return Optional.ofNullable(sad.byInboundSpi(inboundSpi)).map(p -> p.counters().snapshot());
    }

    @Override
    public void receiveEncapsulated(ByteBuffer espPacket, InetSocketAddress remote, InetSocketAddress local) {
        processor.inbound(espPacket);
    }

    @Override
    public void receiveEncapsulatedInBatch(ByteBuffer espPacket, InetSocketAddress remote,
            InetSocketAddress local) {
        processor.inboundInBatch(espPacket);
    }

    @Override
    public void receiveBatchComplete() {
        processor.flushHeld();
    }

    @Override
    public void bindTransport(EspTransport transport) {
        processor.transport(transport);
    }

    /** Reports every time lifetime that has run out (the timer calls this; tests call it with a fake clock). */
    void checkLifetimes() {
        for (EspSaPair pair : sad.all()) {
            processor.checkExpiry(pair);
        }
    }

    private void checkLifetimesSafely() {
        try {
            checkLifetimes();
        } catch (RuntimeException e) {
            LOG.error("lifetime check failed", e);
        }
    }

    private void softExpired(EspSaPair pair) {
        LOG.info("CHILD_SA soft lifetime reached, rekey: {}", pair);
        try {
            pair.events().softExpired(pair.inboundSpi());
        } catch (RuntimeException e) {
            LOG.warn("soft expiry listener failed for {}", pair, e);
        }
    }

    private void hardExpired(EspSaPair pair) {
        if (!detach(pair)) {
            return;
        }
        LOG.info("CHILD_SA hard lifetime reached, removed: {} {}{}", pair, pair.counters().snapshot(),
                dropReasons(pair));
        try {
            pair.events().hardExpired(pair.inboundSpi());
        } catch (RuntimeException e) {
            LOG.warn("hard expiry listener failed for {}", pair, e);
        }
    }

    /** The outbound drops of {@code pair} by reason, for the log line of its removal; empty without drops. */
    private static String dropReasons(EspSaPair pair) {
        String reasons = pair.counters().outboundDropReasons();
        return reasons.isEmpty() ? "" : " outbound drops: " + reasons;
    }

    /** The configuration of interface {@code name} from ConfigAdmin; none without it (outside OSGi). */
    private Optional<Map<String, Object>> interfaceConfiguration(String name) {
        ConfigurationAdmin admin = configAdmin;
        if (admin == null) {
            LOG.debug("no ConfigurationAdmin: interface {} has no configuration here", name);
            return Optional.empty();
        }
        return new ConfigAdminInterfaces(admin).apply(name);
    }

    /** For tests: where tunnel interfaces' MTU and address come from. */
    void interfaces(TunnelInterfaces lookup) {
        interfaces = lookup;
    }

    /** For tests and diagnostics. */
    EspProcessor processor() {
        return processor;
    }

    /** For tests: the installed pair, if any. */
    EspSaPair pair(int inboundSpi) {
        return sad.byInboundSpi(inboundSpi);
    }
}
