package io.flexgate.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The DS description bnd generated for the pool. A delayed pool component would be deactivated, and its
 * leases forgotten, whenever its last user ungets the service (seen in Karaf with {@code ip:local-pool});
 * a reconfiguration must go through {@code modified}, not a deactivation.
 */
class ComponentDescriptionTest {

    @Test
    void poolIsImmediateAndModifiable() throws IOException {
        String xml;
        String resource = "OSGI-INF/io.flexgate.pool.IpLocalPool.xml";
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("bnd-generated DS description").isNotNull();
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(xml).contains("immediate=\"true\"").contains("modified=\"modified\"")
                .contains("configuration-policy=\"require\"").contains("configuration-pid=\"io.flexgate.pool\"");
        // A pool that replaces another (bundle update) learns the live sessions' addresses and their ends.
        assertThat(xml).contains("<provide interface=\"io.flexgate.api.session.SessionListener\"/>")
                .containsPattern("<reference name=\"SessionRegistry\" cardinality=\"0..1\" policy=\"dynamic\"")
                .contains("deactivate=\"deactivate\"");
    }
}
