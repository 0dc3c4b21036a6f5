package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.coa.DisconnectHandler;
import io.flexgate.aaa.radius.coa.DynamicAuthorizationServer;
import io.flexgate.api.Secret;
import io.flexgate.api.session.SessionRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * IOS {@code aaa server radius dynamic-author} / {@code client A} / {@code server-key K} / {@code port P},
 * configuration {@code io.flexgate.aaa.radius.dynamicauthor}: Disconnect-Requests tear sessions down
 * through the engine's {@link SessionRegistry}.
 */
@Component(service = {}, configurationPid = "io.flexgate.aaa.radius.dynamicauthor",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = DynamicAuthorComponent.Config.class)
public final class DynamicAuthorComponent {

    @ObjectClassDefinition(name = "FlexGate RADIUS dynamic authorization (RFC 5176)")
    public @interface Config {
        @AttributeDefinition(name = "Clients", description = "Addresses allowed to send Disconnect/CoA requests")
        String[] clients();

        /** The shared key, {@code .key}: kept out of service properties like the server keys. */
        @AttributeDefinition(name = "Server key", type = AttributeType.PASSWORD, description = "Shared key (.key)")
        String _key();

        @AttributeDefinition(name = "Port", required = false, min = "1", max = "65535")
        int port() default DynamicAuthorizationServer.DEFAULT_PORT;

        @AttributeDefinition(name = "Listen address", required = false, description = "Empty: all addresses")
        String address() default "";
    }

    private final Secret key;
    private final DynamicAuthorizationServer server;
    private final RegistryRef registry = new RegistryRef();

    @Activate
    public DynamicAuthorComponent(Config config) throws InterruptedException, UnknownHostException {
        Set<InetAddress> clients = new HashSet<>();
        for (String c : config.clients()) {
            clients.add(RadiusServerComponent.literal(c));
        }
        char[] k = config._key() == null ? new char[0] : config._key().toCharArray();
        if (k.length == 0) {
            throw new IllegalArgumentException("radius dynamic-author: server key is missing");
        }
        this.key = Secret.ofPassword(k);
        Arrays.fill(k, '\0');
        InetSocketAddress bind = config.address().isBlank() ? new InetSocketAddress(config.port())
                : new InetSocketAddress(RadiusServerComponent.literal(config.address()), config.port());
        this.server = new DynamicAuthorizationServer(bind, clients, key,
                new DisconnectHandler(registry));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(SessionRegistry r) {
        registry.bind(r);
    }

    void unbindRegistry(SessionRegistry r) {
        registry.unbind(r);
    }

    @Deactivate
    void deactivate() {
        server.close();
        key.wipe();
    }
}
