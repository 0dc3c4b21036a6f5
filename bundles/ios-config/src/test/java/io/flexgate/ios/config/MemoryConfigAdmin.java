package io.flexgate.ios.config;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * ConfigAdmin in memory, for the calls the service makes: factory configurations by name and listing by
 * {@code (service.factoryPid=...)}. Any other call fails the test.
 */
final class MemoryConfigAdmin {

    private static final Pattern FACTORY_FILTER = Pattern.compile("\\(service\\.factoryPid=([^)]+)\\)");

    /** PID to properties; null until the first update, as ConfigAdmin has it. */
    final Map<String, Hashtable<String, Object>> store = new LinkedHashMap<>();
    int updates;

    ConfigurationAdmin admin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listConfigurations" -> list((String) args[0]);
                    case "getFactoryConfiguration" -> {
                        String pid = args[0] + "~" + args[1];
                        store.putIfAbsent(pid, null);
                        yield configuration(pid);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A configuration as a .cfg file would have put it there. */
    void put(String factoryPid, String name, Map<String, Object> properties) {
        Hashtable<String, Object> p = new Hashtable<>(properties);
        p.put("service.pid", factoryPid + "~" + name);
        p.put("service.factoryPid", factoryPid);
        store.put(factoryPid + "~" + name, p);
    }

    private Configuration[] list(String filter) {
        Matcher m = FACTORY_FILTER.matcher(filter);
        if (!m.matches()) {
            throw new UnsupportedOperationException(filter);
        }
        List<Configuration> out = new ArrayList<>();
        store.forEach((pid, props) -> {
            if (props != null && pid.startsWith(m.group(1) + "~")) {
                out.add(configuration(pid));
            }
        });
        return out.isEmpty() ? null : out.toArray(Configuration[]::new);
    }

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getProperties" -> store.get(pid) == null ? null : new Hashtable<>(store.get(pid));
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                        Hashtable<String, Object> p = new Hashtable<>();
                        for (var keys = d.keys(); keys.hasMoreElements(); ) {
                            String k = keys.nextElement();
                            p.put(k, d.get(k));
                        }
                        p.put("service.pid", pid);
                        p.put("service.factoryPid", pid.substring(0, pid.indexOf('~')));
                        store.put(pid, p);
                        updates++;
                        yield null;
                    }
                    case "hashCode" -> pid.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
