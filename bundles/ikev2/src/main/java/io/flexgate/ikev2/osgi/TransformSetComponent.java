package io.flexgate.ikev2.osgi;

import io.flexgate.ikev2.config.TransformSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code crypto ipsec transform-set NAME ...} from {@code io.flexgate.ipsec.transformset~NAME}. */
@Component(configurationPid = "io.flexgate.ipsec.transformset", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = TransformSetComponent.class)
@Designate(ocd = TransformSetComponent.Config.class, factory = true)
public final class TransformSetComponent implements ConfigProvider<TransformSet> {

    @ObjectClassDefinition(name = "FlexGate IPsec transform set", description = "crypto ipsec transform-set")
    public @interface Config {
        @AttributeDefinition(description = "The transform set's IOS name")
        String name();

        @AttributeDefinition(description = "The transforms as IOS writes them: esp-aes 256 esp-sha256-hmac")
        String transforms();

        @AttributeDefinition(description = "mode: tunnel (transport is not supported for remote access)")
        String mode() default "tunnel";
    }

    private final TransformSet set;

    @Activate
    public TransformSetComponent(Config config) {
        if (!"tunnel".equalsIgnoreCase(config.mode().trim())) {
            throw new IllegalArgumentException("crypto ipsec transform-set " + config.name() + ": mode "
                    + config.mode() + " (only tunnel mode is supported)");
        }
        this.set = TransformSet.parse(config.name(), config.transforms());
    }

    @Override
    public String name() {
        return set.name();
    }

    @Override
    public TransformSet value() {
        return set;
    }
}
