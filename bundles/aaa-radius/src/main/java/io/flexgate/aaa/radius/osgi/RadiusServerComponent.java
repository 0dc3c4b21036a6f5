package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.client.RadiusServer;
import io.flexgate.api.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One {@code radius server NAME}; server groups find it by its name. The key is wiped on deactivation. */
@Component(service = RadiusServerComponent.class, configurationPid = "io.flexgate.aaa.radius.server",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RadiusServerConfiguration.class, factory = true)
public final class RadiusServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(RadiusServerComponent.class);

    private final RadiusServer server;

    @Activate
    public RadiusServerComponent(RadiusServerConfiguration config) {
        this.server = server(config);
        LOG.info("radius server {}", server);
    }

    static RadiusServer server(RadiusServerConfiguration config) {
        InetAddress address;
        try {
            address = literal(config.address());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("radius server " + config.name() + ": address '" + config.address()
                    + "' is not an IP literal", e);
        }
        char[] key = config._key() == null ? new char[0] : config._key().toCharArray();
        Secret secret = Secret.ofPassword(key);
        Arrays.fill(key, '\0');
        return new RadiusServer(config.name(), new InetSocketAddress(address, config.auth_port()),
                new InetSocketAddress(address, config.acct_port()), secret, Duration.ofSeconds(config.timeout()),
                config.retransmit(), Duration.ofMinutes(config.deadtime()));
    }

    /** An IP literal only: a server name would make authentication depend on DNS. */
    static InetAddress literal(String text) throws UnknownHostException {
        String s = text == null ? "" : text.strip();
        if (!s.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new UnknownHostException(s);
        }
        return InetAddress.getByName(s);
    }

    public RadiusServer server() {
        return server;
    }

    @Deactivate
    void deactivate() {
        server.key().wipe();
    }
}
