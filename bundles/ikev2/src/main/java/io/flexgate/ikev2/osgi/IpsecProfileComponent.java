package io.flexgate.ikev2.osgi;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code crypto ipsec profile NAME} from {@code io.flexgate.ipsec.profile~NAME}. Transform sets are resolved
 * by name when a session needs them, so the order in which configurations arrive does not matter.
 */
@Component(configurationPid = "io.flexgate.ipsec.profile", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = IpsecProfileComponent.class)
@Designate(ocd = IpsecProfileComponent.Config.class, factory = true)
public final class IpsecProfileComponent implements ConfigProvider<IpsecProfileComponent.Definition> {

    @ObjectClassDefinition(name = "FlexGate IPsec profile", description = "crypto ipsec profile")
    public @interface Config {
        @AttributeDefinition(description = "The profile's IOS name")
        String name();

        @AttributeDefinition(description = "set transform-set NAME ... in order of preference")
        String[] set_transform$_$set();

        @AttributeDefinition(description = "set ikev2-profile NAME")
        String set_ikev2$_$profile();

        @AttributeDefinition(description = "set security-association lifetime seconds (IOS default 3600)")
        long lifetime_seconds() default 3600;

        @AttributeDefinition(description = "set security-association lifetime kilobytes (IOS default 4608000)")
        long lifetime_kilobytes() default 4_608_000;
    }

    /** The profile as configured, names unresolved. */
    public record Definition(String name, java.util.List<String> transformSets, String ikeProfile, long seconds,
            long kilobytes) {
    }

    private final Definition definition;

    @Activate
    public IpsecProfileComponent(Config config) {
        if (config.set_transform$_$set().length == 0) {
            throw new IllegalArgumentException("crypto ipsec profile " + config.name() + ": no set transform-set");
        }
        // A .cfg file gives "TS,TS-GCM" as one string; a .config file or config:edit may give an array.
        java.util.List<String> sets = java.util.Arrays.stream(config.set_transform$_$set())
                .flatMap(s -> java.util.Arrays.stream(s.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.definition = new Definition(config.name(), sets,
                config.set_ikev2$_$profile(), config.lifetime_seconds(), config.lifetime_kilobytes());
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public Definition value() {
        return definition;
    }
}
