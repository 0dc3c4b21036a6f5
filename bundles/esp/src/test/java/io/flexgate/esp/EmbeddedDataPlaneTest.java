package io.flexgate.esp;

import static io.flexgate.esp.TestTunnel.GATEWAY_DEVICE;
import static io.flexgate.esp.TestTunnel.GATEWAY_IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.dataplane.ChildSaSpec.Lifetime;
import io.flexgate.tun.memory.MemoryTunFactory;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

/**
 * The public embedding entry point the FlexGate client uses instead of calling the DS methods by reflection:
 * {@link UserspaceEspDataPlane#embedded} binds the given TUN factory, {@link UserspaceEspDataPlane#close} ends the
 * data plane as the component's deactivation does.
 */
class EmbeddedDataPlaneTest {

    private static final TestTunnel.Suite GCM = TestTunnel.suites().get(2);

    @Test
    void embeddedPlaneOpensDevicesFromTheGivenFactoryAndCloseRemovesEverything() throws Exception {
        MemoryTunFactory tuns = new MemoryTunFactory();
        UserspaceEspDataPlane plane = UserspaceEspDataPlane.embedded(config(), tuns);
        plane.install(TestTunnel.gatewaySpec(GCM, false, Lifetime.IOS_DEFAULT, ReplayWindow.DEFAULT_SIZE),
                new TestTunnel.Events());
        assertThat(tuns.device(GATEWAY_DEVICE)).as("the device comes from the factory given").isPresent();
        assertThat(plane.counters(GATEWAY_IN)).isPresent();
        EspSaPair pair = plane.pair(GATEWAY_IN);

        plane.close();

        assertThat(plane.counters(GATEWAY_IN)).isEmpty();
        assertThat(pair.inbound().keysWiped()).isTrue();
        assertThat(tuns.device(GATEWAY_DEVICE)).as("the device is closed with the plane").isEmpty();
        plane.close(); // idempotent
        assertThat(plane.counters(GATEWAY_IN)).isEmpty();
    }

    @Test
    void embeddedPlaneNeedsAFactory() {
        assertThatThrownBy(() -> UserspaceEspDataPlane.embedded(config(), null)).isInstanceOf(NullPointerException.class);
    }

    /** The configuration defaults, as SCR would hand them over without a configuration of ours. */
    private static EspConfig config() {
        return new EspConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EspConfig.class;
            }

            @Override
            public int mtu() {
                return EspSettings.DEFAULT_MTU;
            }

            @Override
            public String tunFactory_target() {
                return EspSettings.DEFAULT_TUN_FILTER;
            }

            @Override
            public String device_prefix() {
                return EspSettings.DEFAULT_DEVICE_PREFIX;
            }

            @Override
            public int lifetime_check_seconds() {
                return EspSettings.DEFAULT_LIFETIME_CHECK_SECONDS;
            }
        };
    }
}
