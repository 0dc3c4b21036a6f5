package io.flexgate.ikev2.osgi;

import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import io.flexgate.api.session.SessionRegistry;
import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.config.IkeProposal;
import io.flexgate.ikev2.config.IpsecProfile;
import io.flexgate.ikev2.config.TransformSet;
import io.flexgate.ikev2.config.VirtualTemplate;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.ProviderChoice;
import io.flexgate.ikev2.engine.EngineServices;
import io.flexgate.ikev2.engine.GracefulStop;
import io.flexgate.ikev2.engine.Responder;
import io.flexgate.ikev2.engine.SerialExecutors;
import io.flexgate.ikev2.engine.Settings;
import io.flexgate.ikev2.transport.UdpIkeTransport;
import io.flexgate.nativecrypto.CorrettoLoader;
import io.flexgate.nativecrypto.CryptoProviderMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The IKEv2 engine as a DS component: binds the IKE ports, runs the {@link Responder}, and registers the
 * {@link SessionRegistry}. Every service it uses is a dynamic reference: EAP methods, AAA lists, pools,
 * trustpoints, the data plane and extensions may come and go while sessions run; a session that needs one
 * that is missing fails with a clear log line and an IKE notify.
 */
@Component(configurationPid = "io.flexgate.ikev2", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = SessionRegistry.class)
@Designate(ocd = IkeEngineComponent.Config.class)
public final class IkeEngineComponent implements EngineServices, SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(IkeEngineComponent.class);

    @ObjectClassDefinition(name = "FlexGate IKEv2 engine", description = "Listening addresses and engine-wide "
            + "limits (crypto ikev2 cookie-challenge, crypto ikev2 fragmentation mtu)")
    public @interface Config {
        @AttributeDefinition(description = "Local address to listen on (0.0.0.0 for all)")
        String address() default "0.0.0.0";

        @AttributeDefinition(description = "IKE port")
        int port() default 500;

        @AttributeDefinition(description = "NAT-T port (UDP-encapsulated ESP shares it)")
        int natt_port() default 4500;

        @AttributeDefinition(description = "crypto ikev2 cookie-challenge: half-open SAs before cookies are required")
        int cookie_challenge() default 500;

        @AttributeDefinition(description = "Half-open SAs one source address may hold (raise for CGNAT)")
        int half_open_per_source() default 25;

        @AttributeDefinition(description = "Half-open SAs in all")
        int half_open_limit() default 20_000;

        @AttributeDefinition(description = "Seconds a half-open SA may take to finish IKE_AUTH")
        int half_open_timeout() default 30;

        @AttributeDefinition(description = "crypto ikev2 fragmentation mtu")
        int fragmentation_mtu() default 1280;

        @AttributeDefinition(description = "Make peers encapsulate ESP in UDP even without a NAT (userspace ESP needs it)")
        boolean force_encapsulation() default true;

        @AttributeDefinition(description = "Executors (IKE SAs are spread over them by SPI)")
        int executors() default 4;

        @AttributeDefinition(description = "Provider of RSA signatures and ECDH: auto (Amazon Corretto Crypto "
                + "Provider when its native library loads, loaded in the background; pure Java until then or "
                + "without it), corretto (required: the engine does not start without it), jdk (pure Java only)")
        String crypto_provider() default "auto";

        @AttributeDefinition(description = "Receive sockets (each with its own thread) per UDP port, bound with "
                + "SO_REUSEPORT (epoll only); 0: one per core, at most 4")
        int receive_threads() default 0;

        @AttributeDefinition(description = "SO_RCVBUF of each receive socket in octets (above net.core.rmem_max "
                + "only with CAP_NET_ADMIN, through SO_RCVBUFFORCE)")
        int receive_buffer() default UdpIkeTransport.DEFAULT_RECEIVE_BUFFER;
    }

    // Dynamic references as DS fields: SCR replaces each list atomically as services come and go (hot swap),
    // so every lookup below sees a consistent snapshot without locks.
    @Reference(service = EapMethod.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    private volatile List<Map.Entry<Map<String, ?>, EapMethod>> eapMethods = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<AaaMethodList> aaaLists = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<Trustpoint> trustpoints = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<AddressPool> pools = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<IkeExtension> extensions = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<SessionListener> listeners = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ProfileComponent> profiles = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ProposalComponent> proposals = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<TransformSetComponent> transformSets = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<IpsecProfileComponent> ipsecProfiles = List.of();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<InterfaceComponent> interfaces = List.of();
    private volatile DataPlane dataPlane;

    private final SerialExecutors executors;
    private final Responder responder;
    private final UdpIkeTransport transport;

    @Activate
    public IkeEngineComponent(Config config) throws UnknownHostException {
        // Checked first: a bad value fails the activation with its reason before anything runs.
        UdpIkeTransport.Sockets sockets = new UdpIkeTransport.Sockets(config.receive_threads() > 0
                ? config.receive_threads() : UdpIkeTransport.Sockets.defaultReceiveThreads(), config.receive_buffer());
        Settings settings = new Settings(config.cookie_challenge(), config.half_open_per_source(),
                config.half_open_limit(), Duration.ofSeconds(config.half_open_timeout()), config.fragmentation_mtu(),
                config.force_encapsulation(), Settings.DEFAULTS.retransmitTimeout(), Settings.DEFAULTS.retransmitTries());
        ProviderChoice providers = new ProviderChoice(CryptoProviderMode.parse(config.crypto_provider()));
        if (providers.mode() == CryptoProviderMode.CORRETTO) {
            loadNativeProvider(providers);
        } else if (providers.mode() == CryptoProviderMode.JDK) {
            providers.useJava("crypto.provider = jdk");
            LOG.info("crypto provider: {}", providers.describe());
        }
        this.executors = new SerialExecutors(Math.max(1, config.executors()), "flexgate-ike");
        Responder.TransportHolder holder = new Responder.TransportHolder();
        this.responder = new Responder(settings, this, holder, CryptoSuite.defaults().withProviders(providers),
                Clock.systemUTC(), new SecureRandom(), executors);
        InetAddress address = InetAddress.getByName(config.address());
        try {
            this.transport = new UdpIkeTransport(new InetSocketAddress(address, config.port()),
                    new InetSocketAddress(address, config.natt_port()), responder::receive, () -> dataPlane, sockets);
        } catch (IllegalStateException e) {
            executors.close();
            throw e;
        }
        holder.set(transport);
        startCookieFrontWarmUp(responder);
        if (!providers.decided()) {
            // auto: IKE is served on pure Java from now on; the native provider takes over once it has loaded.
            Thread loader = new Thread(() -> loadNativeProvider(providers), "flexgate-crypto-provider");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /**
     * Rounds of the cookie front's warm-up: past HotSpot's C2 threshold (about 10,000 invocations) for the methods
     * a flood runs once per datagram. About 0.2 s of one core at start, at the lowest thread priority.
     */
    static final int COOKIE_FRONT_WARM_UP_ROUNDS = 20_000;

    private static void startCookieFrontWarmUp(Responder responder) {
        Thread warmUp = new Thread(() -> {
            long start = System.nanoTime();
            int rounds = responder.warmUpCookieFront(COOKIE_FRONT_WARM_UP_ROUNDS);
            LOG.debug("cookie front warmed up: {} rounds in {} ms", rounds, (System.nanoTime() - start) / 1_000_000);
        }, "flexgate-ike-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    /**
     * Loads the Amazon Corretto Crypto Provider into {@code providers} and logs which provider serves what;
     * without it, stays on pure Java ({@code auto}) or fails ({@code corretto}).
     */
    private static void loadNativeProvider(ProviderChoice providers) {
        long start = System.nanoTime();
        CorrettoLoader.Result result = CorrettoLoader.load();
        if (result instanceof CorrettoLoader.Result.Loaded loaded) {
            providers.useNative(loaded.provider());
        } else if (result instanceof CorrettoLoader.Result.Unavailable unavailable) {
            if (providers.mode() == CryptoProviderMode.CORRETTO) {
                throw new IllegalStateException("crypto.provider = corretto, but " + unavailable.reason());
            }
            providers.useJava(unavailable.reason());
        }
        LOG.info("crypto provider: {} (decided in {} ms)", providers.describe(), (System.nanoTime() - start) / 1_000_000);
    }

    @Deactivate
    void deactivate() {
        // Graceful stop: no new work, then DELETE to every peer and every session ended (accounting Stop, lease
        // released) within GracefulStop.BOUND, while the executors and the sockets still run.
        transport.stopReceiving();
        GracefulStop.run(responder, GracefulStop.BOUND);
        responder.close();
        executors.close();
        DataPlane dp = dataPlane;
        if (dp != null) {
            dp.bindTransport(null);
        }
        transport.close();
        LOG.info("IKEv2 engine stopped");
    }

    // --- SessionRegistry -------------------------------------------------------------------------------------

    @Override
    public List<SessionInfo> sessions() {
        return responder.sessions().sessions();
    }

    @Override
    public Optional<SessionInfo> session(long sessionId) {
        return responder.sessions().session(sessionId);
    }

    @Override
    public int clear(Selector selector, SessionListener.DownReason reason) {
        return responder.sessions().clear(selector, reason);
    }

    // --- EngineServices --------------------------------------------------------------------------------------

    @Override
    public Collection<IkeProfile> profiles() {
        return profiles.stream().map(ProfileComponent::value).toList();
    }

    @Override
    public List<IkeProposal> ikeProposals() {
        if (proposals.isEmpty()) {
            return IkeProposal.smartDefaults();
        }
        return proposals.stream().map(ProposalComponent::value).sorted(Comparator.comparing(IkeProposal::name)).toList();
    }

    @Override
    public Optional<IpsecProfile> ipsecProfile(IkeProfile profile) {
        Optional<String> byTemplate = virtualTemplate(profile.virtualTemplate()).map(VirtualTemplate::ipsecProfile);
        for (IpsecProfileComponent c : ipsecProfiles) {
            IpsecProfileComponent.Definition d = c.value();
            boolean protects = byTemplate.map(d.name()::equals).orElse(false) || d.ikeProfile().equals(profile.name());
            if (!protects) {
                continue;
            }
            List<TransformSet> sets = new ArrayList<>();
            for (String name : d.transformSets()) {
                transformSets.stream().filter(t -> t.name().equals(name)).findFirst().ifPresent(t -> sets.add(t.value()));
            }
            if (sets.isEmpty()) {
                LOG.warn("crypto ipsec profile {}: none of its transform sets {} is configured", d.name(),
                        d.transformSets());
                return Optional.empty();
            }
            return Optional.of(new IpsecProfile(d.name(), sets, d.ikeProfile(), IpsecProfile.lifetime(d.seconds(),
                    d.kilobytes())));
        }
        return Optional.empty();
    }

    @Override
    public Optional<VirtualTemplate> virtualTemplate(int number) {
        String name = "Virtual-Template" + number;
        return interfaces.stream().map(InterfaceComponent::value).filter(d -> d.name().equalsIgnoreCase(name)).findFirst()
                .map(d -> new VirtualTemplate(number, interfaces.stream().map(InterfaceComponent::value)
                        .filter(l -> l.name().equalsIgnoreCase(d.unnumbered())).findFirst().flatMap(
                                InterfaceComponent.Definition::address), d.mtu(), d.ipsecProfile(),
                        d.nat().equalsIgnoreCase("inside")));
    }

    @Override
    public Optional<Trustpoint> trustpoint(String name) {
        return trustpoints.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public Optional<EapMethod> eapMethod(String name) {
        return eapMethods.stream().filter(e -> name.equals(e.getKey().get(EapMethod.PROP_NAME))).map(Map.Entry::getValue)
                .findFirst();
    }

    @Override
    public Optional<AaaMethodList> aaaList(String name) {
        return aaaLists.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    @Override
    public Optional<AddressPool> pool(String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public Optional<DataPlane> dataPlane() {
        return Optional.ofNullable(dataPlane);
    }

    @Override
    public List<IkeExtension> extensions() {
        return List.copyOf(extensions);
    }

    @Override
    public List<SessionListener> listeners() {
        return List.copyOf(listeners);
    }

    // --- references ------------------------------------------------------------------------------------------

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetDataPlane")
    void setDataPlane(DataPlane dp) {
        this.dataPlane = dp;
        // Bind methods run after the constructor, so the transport exists.
        dp.bindTransport(transport);
    }

    void unsetDataPlane(DataPlane dp) {
        if (dataPlane == dp) {
            dataPlane = null;
        }
    }
}
