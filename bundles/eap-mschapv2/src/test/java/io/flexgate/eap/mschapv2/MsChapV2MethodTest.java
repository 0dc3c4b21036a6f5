package io.flexgate.eap.mschapv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.eap.EapType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service as the IKEv2 engine and the shell find it, and its optional configuration. */
class MsChapV2MethodTest {

    private static MsChapV2Method.Config config(int retries, String name) {
        return new MsChapV2Method.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MsChapV2Method.Config.class;
            }

            @Override
            public int retries() {
                return retries;
            }

            @Override
            public String authenticatorName() {
                return name;
            }
        };
    }

    @Test
    void answersToType26WithAnMsk() {
        MsChapV2Method method = new MsChapV2Method(config(0, "FlexGate"));
        assertThat(method.type()).isEqualTo(EapType.MSCHAPV2);
        assertThat(method.name()).isEqualTo("mschapv2");
        assertThat(method.generatesMsk()).isTrue();
        assertThat(method.settings()).isEqualTo(MsChapV2Method.Settings.DEFAULT);
    }

    @Test
    void outOfRangeSettingsFallBackToSafeValues() {
        assertThat(new MsChapV2Method(config(99, "x".repeat(65))).settings())
                .isEqualTo(new MsChapV2Method.Settings(MsChapV2Method.MAX_RETRIES, "FlexGate"));
        assertThat(new MsChapV2Method(config(-1, " ")).settings()).isEqualTo(MsChapV2Method.Settings.DEFAULT);
        assertThat(new MsChapV2Method(config(2, "vpn-gw")).settings())
                .isEqualTo(new MsChapV2Method.Settings(2, "vpn-gw"));
    }

    /** bnd writes the DS descriptor and the metatype from the annotations before the tests run. */
    @Test
    void registersTheEapServicePropertiesAndOptionalPid() throws IOException {
        String descriptor = resource("/OSGI-INF/io.flexgate.eap.mschapv2.MsChapV2Method.xml");
        assertThat(descriptor)
                .contains("name=\"eap.type\" type=\"Integer\" value=\"26\"")
                .contains("name=\"eap.vendor\" type=\"Integer\" value=\"0\"")
                .contains("name=\"eap.name\" type=\"String\" value=\"mschapv2\"")
                .contains("configuration-policy=\"optional\"")
                .contains("configuration-pid=\"io.flexgate.eap.mschapv2\"")
                .contains("interface=\"io.flexgate.api.eap.EapMethod\"");
        assertThat(resource("/OSGI-INF/metatype/io.flexgate.eap.mschapv2.MsChapV2Method$Config.xml"))
                .contains("id=\"retries\"").contains("id=\"authenticatorName\"");
    }

    private String resource(String path) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
