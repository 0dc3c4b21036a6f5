package io.flexgate.pki;

import io.flexgate.api.config.ConfigFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Reads and writes {@code io.flexgate.pki.trustpoint~NAME} configurations through ConfigurationAdmin. A
 * configuration written here is first written whole into its etc/ file ({@link ConfigFiles}), so that a crash
 * or a clean start of Karaf keeps the trustpoint.
 */
final class TrustpointConfigurations {

    /** Attributes that say where the key comes from; an import replaces all of them. */
    static final String[] KEY_SOURCE_ATTRIBUTES = {"pkcs12.file", ".password", "password.file", "key.file",
        "cert.file", "chain.files", "certificate.sha256"};
    /** Bind to whichever bundle holds the trustpoint component, so a reinstalled pki bundle still gets it. */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configurationAdmin;
    /** Karaf's etc/; empty: ConfigAdmin only (outside Karaf). */
    private final Optional<Path> etc;

    TrustpointConfigurations(ConfigurationAdmin configurationAdmin) {
        this(configurationAdmin, ConfigFiles.etc());
    }

    TrustpointConfigurations(ConfigurationAdmin configurationAdmin, Optional<Path> etc) {
        this.configurationAdmin = configurationAdmin;
        this.etc = etc;
    }

    boolean anyExists() throws IOException {
        return list().length > 0;
    }

    private Configuration[] list() throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(service.factoryPid=" + TrustpointConfig.FACTORY_PID + ")");
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the constant filter is malformed", e);
        }
    }

    /** The properties of the configuration of trustpoint {@code name}, if there is one. */
    Optional<Dictionary<String, Object>> find(String name) throws IOException {
        for (Dictionary<String, Object> properties : all()) {
            if (name.equals(properties.get("trustpoint.name"))) {
                return Optional.of(properties);
            }
        }
        return Optional.empty();
    }

    /** The properties of every trustpoint configuration. */
    List<Dictionary<String, Object>> all() throws IOException {
        List<Dictionary<String, Object>> properties = new ArrayList<>();
        for (Configuration configuration : list()) {
            if (configuration.getProperties() != null) {
                properties.add(configuration.getProperties());
            }
        }
        return properties;
    }

    /**
     * Creates or updates {@code io.flexgate.pki.trustpoint~NAME}: the key source attributes are replaced by
     * {@code keySource}, every other attribute (trusted CAs, CRL, revocation check) is kept.
     */
    void writeKeySource(String name, Map<String, Object> keySource) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(TrustpointConfig.FACTORY_PID,
                name, ANY_LOCATION);
        Dictionary<String, Object> current = configuration.getProperties();
        Dictionary<String, Object> properties = new Hashtable<>();
        if (current != null) {
            for (String key : java.util.Collections.list(current.keys())) {
                properties.put(key, current.get(key));
            }
        }
        for (String attribute : KEY_SOURCE_ATTRIBUTES) {
            properties.remove(attribute);
        }
        keySource.forEach(properties::put);
        properties.put("trustpoint.name", name);
        if (etc.isPresent()) {
            ConfigFiles.persist(etc.get(), TrustpointConfig.FACTORY_PID, name, properties,
                    properties.get(".password") != null);
        }
        configuration.update(properties);
    }
}
