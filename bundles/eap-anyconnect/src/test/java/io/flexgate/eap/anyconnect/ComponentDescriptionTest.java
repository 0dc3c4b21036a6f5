package io.flexgate.eap.anyconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.eap.anyconnect.xml.HardenedXml;
import io.flexgate.eap.anyconnect.xml.XmlElement;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DS descriptions bnd generated from the annotations: the IKEv2 engine finds the method and the
 * extension by these service properties, and the profiles by this factory PID.
 */
class ComponentDescriptionTest {

    private static XmlElement component(String className) throws Exception {
        try (InputStream in = ComponentDescriptionTest.class.getResourceAsStream("/OSGI-INF/" + className + ".xml")) {
            if (in == null) {
                throw new IOException("no DS description for " + className + " (bnd-process did not run?)");
            }
            return HardenedXml.parse(in.readAllBytes(), new HardenedXml.Limits(64 * 1024, 8, 200, 16 * 1024));
        }
    }

    private static Map<String, String> properties(XmlElement component) {
        Map<String, String> properties = new HashMap<>();
        component.children("property").forEach(p -> properties.put(p.attribute("name").orElseThrow(),
                p.attribute("type").orElse("String") + ":" + p.attribute("value").orElse(p.trimmedText())));
        return properties;
    }

    @Test
    void eapMethodIsRegisteredAsExpandedTypeOfVendor9() throws Exception {
        XmlElement method = component("io.flexgate.eap.anyconnect.AnyConnectEapMethod");

        assertThat(properties(method)).containsEntry("eap.type", "Integer:254").containsEntry("eap.vendor", "Integer:9")
                .containsEntry("eap.name", "String:anyconnect");
        assertThat(method.child("service").orElseThrow().child("provide").orElseThrow().attribute("interface"))
                .contains("io.flexgate.api.eap.EapMethod");
    }

    @Test
    void extensionIsNamedCiscoAnyConnect() throws Exception {
        XmlElement extension = component("io.flexgate.eap.anyconnect.CiscoAnyConnectExtension");

        assertThat(properties(extension)).containsEntry("extension.name", "String:cisco-anyconnect");
        assertThat(extension.attribute("configuration-pid")).contains("io.flexgate.anyconnect.extension");
    }

    @Test
    void profilesAreAFactoryConfigurationThatIsRequired() throws Exception {
        XmlElement profile = component("io.flexgate.eap.anyconnect.profile.ConfiguredProfile");

        assertThat(profile.attribute("configuration-pid")).contains("io.flexgate.anyconnect.profile");
        assertThat(profile.attribute("configuration-policy")).contains("require");
        assertThat(profile.attribute("immediate")).contains("true");
    }
}
