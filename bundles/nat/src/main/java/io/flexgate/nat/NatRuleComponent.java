package io.flexgate.nat;

import io.flexgate.api.nat.NatException;
import io.flexgate.api.nat.NatService;
import io.flexgate.api.nat.NatService.NatRule;
import io.flexgate.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured NAT overload rule ({@code io.flexgate.nat~NAME}): applied through the {@link NatService}
 * when both are there, removed when the configuration goes. If the NAT service restarts, DS reactivates
 * this component and the rule is applied again.
 *
 * <p>Sources are prefixes. There is no ACL service in the API yet, so an ACL name is refused with a message
 * saying so, rather than silently translating nothing.
 */
@Component(service = {}, immediate = true, configurationPid = "io.flexgate.nat",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NatRuleConfiguration.class, factory = true)
public final class NatRuleComponent {

    private static final Logger LOG = LoggerFactory.getLogger(NatRuleComponent.class);
    private static final String FACTORY_SEPARATOR = "~";

    private final NatService nat;
    private final String name;

    @Activate
    public NatRuleComponent(@Reference(name = "nat") NatService nat, NatRuleConfiguration config, Map<String, Object> properties)
            throws NatException {
        this.nat = nat;
        NatRule rule = rule(config, properties);
        this.name = rule.name();
        nat.apply(rule);
    }

    @Deactivate
    void deactivate() {
        try {
            nat.remove(name);
        } catch (NatException e) {
            LOG.error("NAT rule {} could not be removed: {}", name, e.getMessage());
        }
    }

    static NatRule rule(NatRuleConfiguration config, Map<String, Object> properties) throws NatException {
        String name = config.nat_name().isBlank() ? nameFromPid(properties) : config.nat_name().trim();
        if (config.sources() == null || words(config.sources()).isEmpty()) {
            throw new NatException("NAT rule " + name + ": 'sources' is missing");
        }
        if (config.outside_interface() == null || config.outside_interface().isBlank()) {
            throw new NatException("NAT rule " + name + ": 'outside.interface' is missing");
        }
        List<IpPrefix> sources = new ArrayList<>();
        for (String source : words(config.sources())) {
            try {
                sources.add(IpPrefix.parse(source));
            } catch (IllegalArgumentException e) {
                throw new NatException("NAT rule " + name + ": source '" + source + "' is not a prefix; ACL names"
                        + " cannot be resolved yet, list the ACL's permit prefixes instead", e);
            }
        }
        NatRule rule = new NatRule(name, sources, config.outside_interface().trim());
        NftRuleset.check(rule);
        return rule;
    }

    /**
     * The values, each split at commas: a {@code .cfg} file holds one string ({@code a, b}), a
     * {@code .config} file or ConfigAdmin a real array.
     */
    static List<String> words(String[] values) {
        List<String> words = new ArrayList<>();
        for (String value : values) {
            for (String word : value.split(",")) {
                if (!word.isBlank()) {
                    words.add(word.trim());
                }
            }
        }
        return words;
    }

    private static String nameFromPid(Map<String, Object> properties) throws NatException {
        Object pid = properties.get("service.pid");
        String text = pid == null ? "" : pid.toString();
        int at = text.lastIndexOf(FACTORY_SEPARATOR);
        if (at < 0 || at == text.length() - 1) {
            throw new NatException("NAT rule configuration " + text + " has no name: set nat.name or use the"
                    + " configuration io.flexgate.nat~NAME");
        }
        return text.substring(at + 1);
    }
}
