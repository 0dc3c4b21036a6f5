package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.client.RadiusClient;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.client.RadiusServer;
import io.flexgate.api.Secret;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * One {@code aaa group server radius NAME}: opens the group's client socket and registers the group as a
 * {@link CredentialStore} and {@link Authorizer} with {@code aaa.method = group NAME}, which is what method
 * lists look up. The services are registered here rather than declared, because their {@code aaa.method}
 * is computed from the configured name (DS can only copy configuration keys as they are). Servers are
 * resolved by name at the time of each request, so a server configuration added or changed later is used
 * by the next request without restarting the group.
 */
@Component(service = {}, configurationPid = "io.flexgate.aaa.radius.group",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RadiusGroupConfiguration.class, factory = true)
public final class RadiusGroupComponent {

    /** Service property naming the group, on the {@link RadiusGroup} service accounting uses. */
    public static final String PROP_GROUP = "radius.group";

    private static final Logger LOG = LoggerFactory.getLogger(RadiusGroupComponent.class);

    private final Map<String, RadiusServer> serversByName = new ConcurrentHashMap<>();
    private final List<String> serverNames;
    private final RadiusClient client;
    private final Secret authorizationPassword;
    private final RadiusGroup group;
    private final ServiceRegistration<?> registration;

    @Activate
    public RadiusGroupComponent(RadiusGroupConfiguration config, BundleContext context)
            throws InterruptedException, UnknownHostException {
        String name = config.name();
        if (name == null || name.isBlank() || name.contains(" ")) {
            throw new IllegalArgumentException("aaa group server radius: name must be one word, not '" + name + "'");
        }
        this.serverNames = List.of(config.servers());
        InetSocketAddress source = config.source_address().isBlank() ? new InetSocketAddress(0)
                : new InetSocketAddress(RadiusServerComponent.literal(config.source_address()), 0);
        char[] pw = config.authorization_password().toCharArray();
        this.authorizationPassword = Secret.ofPassword(pw);
        java.util.Arrays.fill(pw, '\0');
        this.client = new RadiusClient(name, source, config.max_outstanding(), Clock.systemUTC(), new SecureRandom());
        this.group = new RadiusGroup(name, client, this::servers, config.nas_identifier(), authorizationPassword,
                Clock.systemUTC());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CredentialStore.PROP_METHOD, "group " + name);
        props.put(PROP_GROUP, name);
        this.registration = context.registerService(new String[] {CredentialStore.class.getName(),
            Authorizer.class.getName(), RadiusGroup.class.getName()}, group, props);
        LOG.info("aaa group server radius {}: servers {}", name, serverNames);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindServer(RadiusServerComponent server) {
        serversByName.put(server.server().name(), server.server());
    }

    void unbindServer(RadiusServerComponent server) {
        serversByName.remove(server.server().name(), server.server());
    }

    /** The configured servers that exist now, in the configured order. */
    List<RadiusServer> servers() {
        List<RadiusServer> list = new ArrayList<>();
        for (String n : serverNames) {
            RadiusServer s = serversByName.get(n);
            if (s != null) {
                list.add(s);
            } else {
                LOG.debug("radius group {}: server {} is not configured", group.name(), n);
            }
        }
        return list;
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        client.close();
        authorizationPassword.wipe();
    }
}
