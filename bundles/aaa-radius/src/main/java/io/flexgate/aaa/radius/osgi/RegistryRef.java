package io.flexgate.aaa.radius.osgi;

import io.flexgate.api.session.SessionRegistry;
import java.util.Optional;
import java.util.function.Supplier;

/** The engine's session registry while DS has one bound (an optional, dynamic reference). */
final class RegistryRef implements Supplier<Optional<SessionRegistry>> {

    private volatile SessionRegistry registry;

    void bind(SessionRegistry r) {
        registry = r;
    }

    void unbind(SessionRegistry r) {
        if (registry == r) {
            registry = null;
        }
    }

    @Override
    public Optional<SessionRegistry> get() {
        return Optional.ofNullable(registry);
    }
}
