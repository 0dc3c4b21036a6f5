package io.flexgate.esp;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interface configurations ({@code io.flexgate.interface~NAME}, attribute {@code name}) as ConfigAdmin holds
 * them: the IKEv2 bundle builds its virtual templates from the same objects. Only loaded when a ConfigurationAdmin
 * service is bound, so the data plane also runs outside OSGi (the client embeds it) without the OSGi classes.
 */
final class ConfigAdminInterfaces implements Function<String, Optional<Map<String, Object>>> {

    static final String FACTORY_PID = "io.flexgate.interface";
    static final String NAME = "name";
    static final String FILTER = "(service.factoryPid=" + FACTORY_PID + ")";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigAdminInterfaces.class);

    private final ConfigurationAdmin admin;

    ConfigAdminInterfaces(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    @Override
    public Optional<Map<String, Object>> apply(String name) {
        Configuration[] found;
        try {
            found = admin.listConfigurations(FILTER);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("reading the configuration of interface {} failed: {}", name, e.toString());
            return Optional.empty();
        }
        if (found == null) {
            return Optional.empty();
        }
        for (Configuration c : found) {
            Dictionary<String, Object> properties = c.getProperties();
            // IOS interface names are case-insensitive (ip unnumbered loopback100), as the engine matches them.
            if (properties != null && properties.get(NAME) != null
                    && properties.get(NAME).toString().trim().equalsIgnoreCase(name.trim())) {
                Map<String, Object> map = new HashMap<>();
                for (String key : Collections.list(properties.keys())) {
                    map.put(key, properties.get(key));
                }
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }
}
