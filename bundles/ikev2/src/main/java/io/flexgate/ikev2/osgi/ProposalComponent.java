package io.flexgate.ikev2.osgi;

import io.flexgate.ikev2.config.IkeProposal;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code crypto ikev2 proposal NAME} from {@code io.flexgate.ikev2.proposal~NAME}. When no proposal is
 * configured the engine uses the smart defaults ({@link IkeProposal#smartDefaults()}).
 */
@Component(configurationPid = "io.flexgate.ikev2.proposal", configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ProposalComponent.class)
@Designate(ocd = ProposalComponent.Config.class, factory = true)
public final class ProposalComponent implements ConfigProvider<IkeProposal> {

    @ObjectClassDefinition(name = "FlexGate IKEv2 proposal", description = "crypto ikev2 proposal")
    public @interface Config {
        @AttributeDefinition(description = "The proposal's IOS name")
        String name();

        @AttributeDefinition(description = "encryption: aes-cbc-128|192|256 aes-gcm-128|192|256 chacha20-poly1305")
        String[] encryption();

        @AttributeDefinition(description = "integrity: sha1 sha256 sha384 sha512 (none with AEAD)")
        String[] integrity() default {};

        @AttributeDefinition(description = "prf: sha1 sha256 sha384 sha512; empty follows integrity as IOS does")
        String[] prf() default {};

        @AttributeDefinition(description = "group: 2 14 15 16 19 20 21 31")
        String[] group();
    }

    private final IkeProposal proposal;

    @Activate
    public ProposalComponent(Config config) {
        this.proposal = IkeProposal.parse(config.name(), List.of(config.encryption()), List.of(config.integrity()),
                List.of(config.prf()), List.of(config.group()));
    }

    @Override
    public String name() {
        return proposal.name();
    }

    @Override
    public IkeProposal value() {
        return proposal;
    }
}
