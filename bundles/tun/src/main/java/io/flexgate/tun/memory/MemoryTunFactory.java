package io.flexgate.tun.memory;

import io.flexgate.api.tun.TunDevice;
import io.flexgate.api.tun.TunException;
import io.flexgate.api.tun.TunFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * In-memory TUN devices for tests of the data plane and of whole exchanges: no kernel, no privileges.
 * Other bundles' unit tests construct it directly ({@code new MemoryTunFactory()}); in a container it is
 * registered with {@code tun.kind=memory} only while a configuration {@code io.flexgate.tun.memory} exists,
 * so a production system never picks it up by accident.
 */
@Component(service = TunFactory.class, property = TunFactory.PROP_KIND + "=" + MemoryTunFactory.KIND,
        configurationPid = "io.flexgate.tun.memory", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class MemoryTunFactory implements TunFactory {

    /** The value of {@link TunFactory#PROP_KIND}. */
    public static final String KIND = "memory";

    private final Map<String, MemoryTunDevice> devices = new ConcurrentHashMap<>();

    public MemoryTunFactory() {
        // Public for direct use in tests.
    }

    @Override
    public MemoryTunDevice open(TunSpec spec) throws TunException {
        MemoryTunDevice device = new MemoryTunDevice(spec, devices::remove);
        if (devices.putIfAbsent(spec.name(), device) != null) {
            throw new TunException("interface name " + spec.name() + " is in use by another TUN device");
        }
        return device;
    }

    /** The open device called {@code name}, for a test to reach the other end. */
    public Optional<MemoryTunDevice> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    @Deactivate
    void deactivate() {
        devices.values().forEach(TunDevice::close);
    }
}
