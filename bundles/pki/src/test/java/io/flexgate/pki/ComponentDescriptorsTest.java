package io.flexgate.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The SCR and metatype XML that bnd generated from the annotations (it runs before the tests, into
 * target/classes): the trustpoint holds a secret, so it must wait for a configuration, and its password
 * must be a private, password-typed property.
 */
class ComponentDescriptorsTest {

    private static final Path OSGI_INF = Path.of("target/classes/OSGI-INF");

    @Test
    void trustpointRequiresItsFactoryConfiguration() throws Exception {
        String xml = Files.readString(OSGI_INF.resolve("io.flexgate.pki.ConfiguredTrustpoint.xml"));

        assertThat(xml).contains("configuration-policy=\"require\"")
                .contains("configuration-pid=\"io.flexgate.pki.trustpoint\"")
                .contains("<provide interface=\"io.flexgate.api.pki.Trustpoint\"/>");
    }

    @Test
    void passwordIsPrivateAndPasswordTyped() throws Exception {
        String metatype = Files.readString(OSGI_INF.resolve("metatype/io.flexgate.pki.TrustpointConfig.xml"));

        // a leading dot keeps the property out of the service properties (OSGi Compendium 104.4.3)
        assertThat(metatype).contains("<AD id=\".password\" type=\"Password\"")
                .contains("<Designate factoryPid=\"io.flexgate.pki.trustpoint\">");
    }

    @Test
    void firstStartGeneratorIsImmediateAndRunsWithoutConfiguration() throws Exception {
        String xml = Files.readString(OSGI_INF.resolve("io.flexgate.pki.FirstStartGenerator.xml"));

        assertThat(xml).contains("immediate=\"true\"").contains("configuration-policy=\"optional\"")
                .contains("interface=\"org.osgi.service.cm.ConfigurationAdmin\"");
    }
}
