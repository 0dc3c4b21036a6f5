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
import io.flexgate.ikev2.engine.EngineServices;
import io.flexgate.ikev2.engine.Responder;
import io.flexgate.ikev2.engine.SerialExecutors;
import io.flexgate.ikev2.engine.Settings;
import io.flexgate.ikev2.transport.UdpIkeTransport;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
    }

    private final Map<String, EapMethod> eapMethods = new ConcurrentHashMap<>();
    private final Map<String, AaaMethodList> aaaLists = new ConcurrentHashMap<>();
    private final Map<String, Trustpoint> trustpoints = new ConcurrentHashMap<>();
    private final Map<String, AddressPool> pools = new ConcurrentHashMap<>();
    private final List<IkeExtension> extensions = new CopyOnWriteArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ProfileComponent> profiles = new CopyOnWriteArrayList<>();
    private final List<ProposalComponent> proposals = new CopyOnWriteArrayList<>();
    private final List<TransformSetComponent> transformSets = new CopyOnWriteArrayList<>();
    private final List<IpsecProfileComponent> ipsecProfiles = new CopyOnWriteArrayList<>();
    private final List<InterfaceComponent> interfaces = new CopyOnWriteArrayList<>();
    private volatile DataPlane dataPlane;

    private final SerialExecutors executors;
    private final Responder responder;
    private final UdpIkeTransport transport;

    @Activate
    public IkeEngineComponent(Config config) throws UnknownHostException {
        Settings settings = new Settings(config.cookie_challenge(), config.half_open_per_source(),
                config.half_open_limit(), Duration.ofSeconds(config.half_open_timeout()), config.fragmentation_mtu(),
                config.force_encapsulation(), Settings.DEFAULTS.retransmitTimeout(), Settings.DEFAULTS.retransmitTries());
        this.executors = new SerialExecutors(Math.max(1, config.executors()), "flexgate-ike");
        Responder.TransportHolder holder = new Responder.TransportHolder();
        this.responder = new Responder(settings, this, holder, CryptoSuite.defaults(), Clock.systemUTC(),
                new SecureRandom(), executors);
        InetAddress address = InetAddress.getByName(config.address());
        try {
            this.transport = new UdpIkeTransport(new InetSocketAddress(address, config.port()),
                    new InetSocketAddress(address, config.natt_port()), responder::receive, () -> dataPlane);
        } catch (IllegalStateException e) {
            executors.close();
            throw e;
        }
        holder.set(transport);
    }

    @Deactivate
    void deactivate() {
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
        return Optional.ofNullable(trustpoints.get(name));
    }

    @Override
    public Optional<EapMethod> eapMethod(String name) {
        return Optional.ofNullable(eapMethods.get(name));
    }

    @Override
    public Optional<AaaMethodList> aaaList(String name) {
        return Optional.ofNullable(aaaLists.get(name));
    }

    @Override
    public Optional<AddressPool> pool(String name) {
        return Optional.ofNullable(pools.get(name));
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeEap")
    void addEap(EapMethod method, Map<String, Object> props) {
        eapMethods.put(String.valueOf(props.get(EapMethod.PROP_NAME)), method);
    }

    void removeEap(EapMethod method, Map<String, Object> props) {
        eapMethods.remove(String.valueOf(props.get(EapMethod.PROP_NAME)), method);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeList")
    void addList(AaaMethodList list) {
        aaaLists.put(list.name(), list);
    }

    void removeList(AaaMethodList list) {
        aaaLists.remove(list.name(), list);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeTrustpoint")
    void addTrustpoint(Trustpoint trustpoint) {
        trustpoints.put(trustpoint.name(), trustpoint);
    }

    void removeTrustpoint(Trustpoint trustpoint) {
        trustpoints.remove(trustpoint.name(), trustpoint);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removePool")
    void addPool(AddressPool pool) {
        pools.put(pool.name(), pool);
    }

    void removePool(AddressPool pool) {
        pools.remove(pool.name(), pool);
    }

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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeExtension")
    void addExtension(IkeExtension e) {
        extensions.add(e);
    }

    void removeExtension(IkeExtension e) {
        extensions.remove(e);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeListener")
    void addListener(SessionListener l) {
        listeners.add(l);
    }

    void removeListener(SessionListener l) {
        listeners.remove(l);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeProfile")
    void addProfile(ProfileComponent c) {
        profiles.add(c);
    }

    void removeProfile(ProfileComponent c) {
        profiles.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeProposal")
    void addProposal(ProposalComponent c) {
        proposals.add(c);
    }

    void removeProposal(ProposalComponent c) {
        proposals.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeTransformSet")
    void addTransformSet(TransformSetComponent c) {
        transformSets.add(c);
    }

    void removeTransformSet(TransformSetComponent c) {
        transformSets.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeIpsecProfile")
    void addIpsecProfile(IpsecProfileComponent c) {
        ipsecProfiles.add(c);
    }

    void removeIpsecProfile(IpsecProfileComponent c) {
        ipsecProfiles.remove(c);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeInterface")
    void addInterface(InterfaceComponent c) {
        interfaces.add(c);
    }

    void removeInterface(InterfaceComponent c) {
        interfaces.remove(c);
    }
}
