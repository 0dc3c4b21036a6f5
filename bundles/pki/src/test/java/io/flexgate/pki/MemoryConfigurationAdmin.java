package io.flexgate.pki;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Just enough of ConfigurationAdmin for the factory configurations this bundle writes: named factory
 * configurations (R7 {@code factoryPid~name}), update, and filtered listing.
 */
final class MemoryConfigurationAdmin {

    final Map<String, Hashtable<String, Object>> configurations = new LinkedHashMap<>();

    ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (self, method, args) -> switch (method.getName()) {
                    case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1], (String) args[0]);
                    case "listConfigurations" -> list((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Configuration[] list(String filter) throws Exception {
        List<Configuration> found = new ArrayList<>();
        for (Map.Entry<String, Hashtable<String, Object>> entry : configurations.entrySet()) {
            if (FrameworkUtil.createFilter(filter).match(entry.getValue())) {
                found.add(configuration(entry.getKey(), (String) entry.getValue().get("service.factoryPid")));
            }
        }
        return found.isEmpty() ? null : found.toArray(new Configuration[0]);
    }

    private Configuration configuration(String pid, String factoryPid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getFactoryPid" -> factoryPid;
                    case "getProperties" -> configurations.containsKey(pid) ? new Hashtable<>(configurations.get(pid))
                            : null;
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> properties = (Dictionary<String, Object>) args[0];
                        Hashtable<String, Object> stored = new Hashtable<>();
                        for (String key : Collections.list(properties.keys())) {
                            stored.put(key, properties.get(key));
                        }
                        stored.put("service.pid", pid);
                        stored.put("service.factoryPid", factoryPid);
                        configurations.put(pid, stored);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
