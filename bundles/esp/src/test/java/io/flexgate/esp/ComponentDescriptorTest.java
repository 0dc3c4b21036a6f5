package io.flexgate.esp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the engine and the operator rely on in the DS descriptor bnd writes from the annotations: the
 * service property the engine filters on, a required configuration, and a TUN reference that may come and
 * go without taking installed SAs down.
 */
class ComponentDescriptorTest {

    private static String resource(String name) throws Exception {
        try (InputStream in = ComponentDescriptorTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void registersTheDataPlaneWithItsKindAndRequiresItsConfiguration() throws Exception {
        String xml = resource("OSGI-INF/io.flexgate.esp.UserspaceEspDataPlane.xml");
        assertThat(xml).contains("<provide interface=\"io.flexgate.api.dataplane.DataPlane\"/>")
                .contains("<property name=\"dataplane.kind\" type=\"String\" value=\"userspace-esp\"/>")
                .contains("configuration-policy=\"require\"").contains("configuration-pid=\"io.flexgate.esp\"")
                .contains("modified=\"modified\"");
        assertThat(xml).containsPattern("<reference name=\"tunFactory\" cardinality=\"0..1\" policy=\"dynamic\""
                + " interface=\"io.flexgate.api.tun.TunFactory\" target=\"\\(tun.kind=linux\\)\"[^>]*"
                + "policy-option=\"greedy\"");
        // Interface MTU and address come from ConfigAdmin when it is there; the data plane starts without it.
        assertThat(xml).contains("<reference name=\"configAdmin\" cardinality=\"0..1\" policy=\"dynamic\""
                + " interface=\"org.osgi.service.cm.ConfigurationAdmin\"");
    }

    @Test
    void metatypeDescribesTheConfiguration() throws Exception {
        String xml = resource("OSGI-INF/metatype/io.flexgate.esp.EspConfig.xml");
        assertThat(xml).contains("<Designate pid=\"io.flexgate.esp\">").contains("id=\"mtu\"")
                .contains("default=\"1400\"").contains("id=\"tunFactory.target\"").contains("id=\"device.prefix\"")
                .contains("id=\"lifetime.check.seconds\"");
    }
}
