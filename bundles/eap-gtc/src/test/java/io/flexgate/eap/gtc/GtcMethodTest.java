package io.flexgate.eap.gtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.eap.EapType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service as the IKEv2 engine and the shell find it. */
class GtcMethodTest {

    @Test
    void answersToType6() {
        assertThat(new GtcMethod().type()).isEqualTo(EapType.GTC);
        assertThat(new GtcMethod().name()).isEqualTo("gtc");
    }

    /** bnd writes the DS descriptor from the annotations before the tests run. */
    @Test
    void registersTheEapServiceProperties() throws IOException {
        try (InputStream xml = getClass().getResourceAsStream("/OSGI-INF/io.flexgate.eap.gtc.GtcMethod.xml")) {
            assertThat(xml).isNotNull();
            assertThat(new String(xml.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("name=\"eap.type\" type=\"Integer\" value=\"6\"")
                    .contains("name=\"eap.vendor\" type=\"Integer\" value=\"0\"")
                    .contains("name=\"eap.name\" type=\"String\" value=\"gtc\"")
                    .contains("interface=\"io.flexgate.api.eap.EapMethod\"");
        }
    }
}
