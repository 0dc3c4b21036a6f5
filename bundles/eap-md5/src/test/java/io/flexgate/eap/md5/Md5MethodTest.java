package io.flexgate.eap.md5;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.eap.EapType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service as the IKEv2 engine and the shell find it: type, name and DS service properties. */
class Md5MethodTest {

    @Test
    void answersToType4() {
        Md5Method method = new Md5Method();
        assertThat(method.type()).isEqualTo(EapType.MD5_CHALLENGE);
        assertThat(method.name()).isEqualTo("md5");
    }

    /** bnd writes the DS descriptor from the annotations before the tests run. */
    @Test
    void registersTheEapServiceProperties() throws IOException {
        try (InputStream xml = getClass().getResourceAsStream("/OSGI-INF/io.flexgate.eap.md5.Md5Method.xml")) {
            assertThat(xml).isNotNull();
            String descriptor = new String(xml.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(descriptor)
                    .contains("name=\"eap.type\" type=\"Integer\" value=\"4\"")
                    .contains("name=\"eap.vendor\" type=\"Integer\" value=\"0\"")
                    .contains("name=\"eap.name\" type=\"String\" value=\"md5\"")
                    .contains("interface=\"io.flexgate.api.eap.EapMethod\"");
        }
    }
}
