package io.flexgate.aaa.radius.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.aaa.radius.client.RadiusServer;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DS and metatype descriptions bnd generated, and the server configuration as DS hands it over. */
class ComponentDescriptionTest {

    static String generated(String path) throws Exception {
        return Files.readString(Path.of("target/classes").resolve(path));
    }

    @Test
    void everyComponentRequiresItsConfiguration() throws Exception {
        assertThat(generated("OSGI-INF/io.flexgate.aaa.radius.osgi.RadiusServerComponent.xml"))
                .contains("configuration-pid=\"io.flexgate.aaa.radius.server\"", "configuration-policy=\"require\"");
        assertThat(generated("OSGI-INF/io.flexgate.aaa.radius.osgi.RadiusGroupComponent.xml"))
                .contains("configuration-pid=\"io.flexgate.aaa.radius.group\"", "configuration-policy=\"require\"");
        assertThat(generated("OSGI-INF/io.flexgate.aaa.radius.osgi.RadiusAccountingComponent.xml"))
                .contains("configuration-pid=\"io.flexgate.aaa.radius.accounting\"", "configuration-policy=\"require\"",
                        "io.flexgate.api.session.SessionListener");
    }

    @Test
    void accountingFollowsTheAccountingMethodListsAndReadsTheProfiles() throws Exception {
        assertThat(generated("OSGI-INF/io.flexgate.aaa.radius.osgi.RadiusAccountingComponent.xml"))
                .contains("interface=\"io.flexgate.api.aaa.AaaMethodList\"", "target=\"(aaa.list.kind=accounting)\"",
                        "interface=\"org.osgi.service.cm.ConfigurationAdmin\"");
        assertThat(generated("OSGI-INF/metatype/io.flexgate.aaa.radius.osgi.RadiusAccountingConfiguration.xml"))
                .contains("id=\"group\" type=\"String\" required=\"false\"");
    }

    @Test
    void theKeyIsAPrivatePasswordAttribute() throws Exception {
        assertThat(generated("OSGI-INF/metatype/io.flexgate.aaa.radius.osgi.RadiusServerConfiguration.xml"))
                .contains("id=\".key\" type=\"Password\"");
        assertThat(generated("OSGI-INF/metatype/io.flexgate.aaa.radius.osgi.RadiusGroupConfiguration.xml"))
                .contains("id=\"authorization.password\" type=\"Password\"");
    }

    static RadiusServerConfiguration config(Map<String, Object> values) {
        return (RadiusServerConfiguration) Proxy.newProxyInstance(RadiusServerConfiguration.class.getClassLoader(),
                new Class<?>[] {RadiusServerConfiguration.class}, (p, m, args) -> {
                    Object v = values.get(m.getName());
                    return v != null ? v : m.getDefaultValue();
                });
    }

    @Test
    void serverConfigurationBecomesAServer() {
        RadiusServer s = RadiusServerComponent.server(config(Map.of("name", "ise-1", "address", "10.1.0.10",
                "_key", "s3cret", "deadtime", 2)));
        assertThat(s.authAddress().getPort()).isEqualTo(1812);
        assertThat(s.acctAddress().getPort()).isEqualTo(1813);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.deadTime()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.key().equalsConstantTime("s3cret".getBytes())).isTrue();
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void serverNamesAndMissingKeysAreRefused() {
        assertThatThrownBy(() -> RadiusServerComponent.server(config(Map.of("name", "a", "address", "radius.example",
                "_key", "k")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP literal");
        assertThatThrownBy(() -> RadiusServerComponent.server(config(Map.of("name", "a", "address", "10.0.0.1",
                "_key", "")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    }
}
