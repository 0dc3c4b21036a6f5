package io.flexgate.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.nat.NatException;
import io.flexgate.api.nat.NatService;
import io.flexgate.api.net.IpPrefix;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NatRuleComponentTest {

    /** The distribution's configuration directory, as shipped. */
    /** The seed NAT rule ships as an example: NAT stays off until the operator names the outside interface. */
    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).resolve("../../examples").normalize();
    private static final Map<String, Object> SEED_PID = Map.of("service.pid", "io.flexgate.nat~NAT");

    /** The NatService the component talks to, recording calls. */
    private static final class RecordingNat implements NatService {
        final Map<String, NatRule> rules = new TreeMap<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public void apply(NatRule rule) {
            calls.add("apply " + rule.name());
            rules.put(rule.name(), rule);
        }

        @Override
        public void remove(String name) {
            calls.add("remove " + name);
            rules.remove(name);
        }

        @Override
        public List<NatRule> rules() {
            return List.copyOf(rules.values());
        }
    }

    private static NatRuleConfiguration config(String name, String outside, String... sources) {
        return new NatRuleConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return NatRuleConfiguration.class;
            }

            @Override
            public String nat_name() {
                return name;
            }

            @Override
            public String[] sources() {
                return sources;
            }

            @Override
            public String outside_interface() {
                return outside;
            }
        };
    }

    @Test
    void seedRuleIsAppliedOnActivationAndRemovedOnDeactivation() throws NatException {
        RecordingNat nat = new RecordingNat();

        NatRuleComponent component = new NatRuleComponent(nat, config("", "eth0", "192.168.10.0 0.0.0.255"), SEED_PID);

        assertThat(nat.rules()).containsExactly(new NatService.NatRule("NAT",
                List.of(IpPrefix.parse("192.168.10.0/24")), "eth0"));
        component.deactivate();
        assertThat(nat.calls).containsExactly("apply NAT", "remove NAT");
    }

    @Test
    void aCfgFileListsSourcesInOneCommaSeparatedString() throws NatException {
        NatService.NatRule rule = NatRuleComponent.rule(
                config("", "eth0", "192.168.10.0/24, 10.1.0.0 0.0.255.255,", " fd00::/64"), SEED_PID);
        assertThat(rule.sources()).containsExactly(IpPrefix.parse("192.168.10.0/24"), IpPrefix.parse("10.1.0.0/16"),
                IpPrefix.parse("fd00::/64"));
    }

    @Test
    void theShippedSeedFileIsTheSeedRule() throws Exception {
        Properties cfg = new Properties();
        try (Reader in = Files.newBufferedReader(EXAMPLES.resolve("io.flexgate.nat-NAT.cfg"))) {
            cfg.load(in);
        }

        NatService.NatRule rule = NatRuleComponent.rule(
                config("", cfg.getProperty("outside.interface"), cfg.getProperty("sources")), SEED_PID);

        assertThat(rule).isEqualTo(new NatService.NatRule("NAT", List.of(IpPrefix.parse("192.168.10.0/24")), "eth0"));
    }

    @Test
    void anExplicitNameWinsOverThePid() throws NatException {
        assertThat(NatRuleComponent.rule(config("clients", "eth0", "10.0.0.0/8"), SEED_PID).name())
                .isEqualTo("clients");
    }

    @Test
    void aConfigurationWithoutNameOrFactoryPidIsRefused() {
        assertThatThrownBy(() -> NatRuleComponent.rule(config("", "eth0", "10.0.0.0/8"),
                Map.of("service.pid", "io.flexgate.nat")))
                .isInstanceOf(NatException.class).hasMessageContaining("has no name");
    }

    @Test
    void anAclNameIsRefusedWithAMessageSayingWhy() {
        assertThatThrownBy(() -> NatRuleComponent.rule(config("", "eth0", "NAT"), SEED_PID))
                .isInstanceOf(NatException.class)
                .hasMessageContaining("'NAT' is not a prefix")
                .hasMessageContaining("ACL names cannot be resolved yet");
    }

    @Test
    void missingAttributesAreNamed() {
        assertThatThrownBy(() -> NatRuleComponent.rule(config("", "eth0"), SEED_PID))
                .isInstanceOf(NatException.class).hasMessageContaining("'sources' is missing");
        assertThatThrownBy(() -> NatRuleComponent.rule(config("", " ", "10.0.0.0/8"), SEED_PID))
                .isInstanceOf(NatException.class).hasMessageContaining("'outside.interface' is missing");
        assertThatThrownBy(() -> NatRuleComponent.rule(config("", "eth0\"", "10.0.0.0/8"), SEED_PID))
                .isInstanceOf(NatException.class).hasMessageContaining("not a Linux interface name");
    }
}
