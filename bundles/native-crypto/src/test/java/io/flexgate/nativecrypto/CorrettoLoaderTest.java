package io.flexgate.nativecrypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Provider;
import java.security.Security;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Loading the native provider (its linux-x86_64 jar is on the test class path) and the switch's values. */
class CorrettoLoaderTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void loadsOnceAndEveryCallerGetsTheSameProvider() {
        CorrettoLoader.Result first = CorrettoLoader.load();
        assertThat(first).as("ACCP loads on linux-x86_64").isInstanceOf(CorrettoLoader.Result.Loaded.class);
        assertThat(CorrettoLoader.load()).isSameAs(first);
        Provider accp = ((CorrettoLoader.Result.Loaded) first).provider();
        assertThat(accp.getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(Security.getProvider(accp.getName())).as("never installed for the whole JVM").isNull();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void aProviderLackingAServiceIsRefusedByName() {
        Provider sunRsa = Security.getProvider("SunRsaSign");
        assertThat(CorrettoLoader.check(sunRsa)).isInstanceOf(CorrettoLoader.Result.Unavailable.class)
                .extracting(r -> ((CorrettoLoader.Result.Unavailable) r).reason()).asString()
                .contains("SunRsaSign offers no KeyAgreement ECDH");
        Provider accp = ((CorrettoLoader.Result.Loaded) CorrettoLoader.load()).provider();
        assertThat(CorrettoLoader.check(accp)).isInstanceOf(CorrettoLoader.Result.Loaded.class);
    }

    @Test
    void modeParsesTheThreeValuesAndNamesThemOnAMistake() {
        assertThat(CryptoProviderMode.parse(" Corretto ")).isEqualTo(CryptoProviderMode.CORRETTO);
        assertThat(CryptoProviderMode.parse("auto")).isEqualTo(CryptoProviderMode.AUTO);
        assertThat(CryptoProviderMode.JDK.value()).isEqualTo("jdk");
        assertThatThrownBy(() -> CryptoProviderMode.parse("openssl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[auto, corretto, jdk]");
    }
}
