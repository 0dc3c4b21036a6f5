package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.client.RadiusGroup;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The server group a component names, as DS binds and unbinds {@link RadiusGroup} services: looked up at
 * each use, so the group may be configured after the component, or replaced.
 */
final class GroupByName implements Supplier<Optional<RadiusGroup>> {

    private final String name;
    private final Map<String, RadiusGroup> groups = new ConcurrentHashMap<>();

    GroupByName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + ": group is missing");
        }
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(RadiusGroup group) {
        groups.put(group.name(), group);
    }

    void remove(RadiusGroup group) {
        groups.remove(group.name(), group);
    }

    @Override
    public Optional<RadiusGroup> get() {
        return Optional.ofNullable(groups.get(name));
    }
}
