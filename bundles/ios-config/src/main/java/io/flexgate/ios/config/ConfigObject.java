package io.flexgate.ios.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration object as the importer builds it and the exporter reads it: its kind, IOS name and
 * attributes, every value held as a list of strings (one element for single-valued attributes).
 */
final class ConfigObject {

    final ObjectKind kind;
    final String name;
    /** Where the text first defined it; 0 for an object read from ConfigAdmin. */
    final int line;
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    ConfigObject(ObjectKind kind, String name, int line) {
        this.kind = kind;
        this.name = name;
        this.line = line;
    }

    /** {@code io.flexgate.pool~ACP00L}: the factory configuration's PID as ConfigAdmin 1.6 names it. */
    String target() {
        return kind.factoryPid + "~" + name;
    }

    void set(String key, String value) {
        values.put(key, new ArrayList<>(List.of(value)));
    }

    void add(String key, String value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    List<String> list(String key) {
        return Collections.unmodifiableList(values.getOrDefault(key, List.of()));
    }

    /** The single value of {@code key}, or empty text. */
    String text(String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** The attributes in comparison form, with the name attribute. */
    Map<String, List<String>> values() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put(kind.nameKey, List.of(name));
        values.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** The attributes as ConfigAdmin holds them: lists as {@code String[]}, the rest as {@code String}. */
    Map<String, Object> properties() {
        Map<String, Object> out = new LinkedHashMap<>();
        values().forEach((k, v) -> out.put(k, kind.lists.contains(k) ? v.toArray(String[]::new) : String.join(" ", v)));
        return out;
    }

    /**
     * An object from a ConfigAdmin dictionary. List attributes may be arrays, collections or (from a .cfg file)
     * one comma-separated string; the components accept each form, and so does this.
     */
    static ConfigObject fromProperties(ObjectKind kind, String pidName, Dictionary<String, ?> properties) {
        Object nameValue = properties.get(kind.nameKey);
        String name = nameValue == null || nameValue.toString().isBlank() ? pidName : nameValue.toString().trim();
        ConfigObject o = new ConfigObject(kind, name, 0);
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (key.equals(kind.nameKey) || key.startsWith("service.") || key.startsWith("felix.")
                    || key.startsWith("component.")) {
                continue;
            }
            for (String v : strings(properties.get(key), kind.lists.contains(key))) {
                o.add(key, v);
            }
        }
        return o;
    }

    static List<String> strings(Object value, boolean list) {
        List<String> raw = new ArrayList<>();
        if (value instanceof Object[] array) {
            Arrays.stream(array).map(String::valueOf).forEach(raw::add);
        } else if (value instanceof Iterable<?> iterable) {
            iterable.forEach(v -> raw.add(String.valueOf(v)));
        } else if (value != null) {
            raw.addAll(list ? Arrays.asList(value.toString().split(",")) : List.of(value.toString()));
        }
        return raw.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
