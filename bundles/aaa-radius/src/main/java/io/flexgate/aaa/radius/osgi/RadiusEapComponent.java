package io.flexgate.aaa.radius.osgi;

import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.eap.RadiusEapMethod;
import io.flexgate.api.eap.EapMethod;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * EAP pass-through to a RADIUS server group, configuration {@code io.flexgate.aaa.radius.eap}; an IKEv2
 * profile selects it with the EAP method name {@code radius}.
 */
@Component(service = EapMethod.class, configurationPid = "io.flexgate.aaa.radius.eap",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, property = {
            EapMethod.PROP_NAME + "=" + RadiusEapMethod.NAME, EapMethod.PROP_TYPE + ":Integer=1",
            EapMethod.PROP_VENDOR + ":Integer=0"})
@Designate(ocd = RadiusEapComponent.Config.class)
public final class RadiusEapComponent extends RadiusEapMethod {

    @ObjectClassDefinition(name = "FlexGate EAP pass-through to RADIUS")
    public @interface Config {
        @AttributeDefinition(name = "Server group", description = "Name of the aaa group server radius")
        String group();
    }

    private final GroupByName group;

    @Activate
    public RadiusEapComponent(Config config) {
        this(new GroupByName(config.group(), "EAP pass-through"));
    }

    private RadiusEapComponent(GroupByName group) {
        super(group);
        this.group = group;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGroup(RadiusGroup g) {
        group.add(g);
    }

    void unbindGroup(RadiusGroup g) {
        group.remove(g);
    }
}
