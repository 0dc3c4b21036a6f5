package io.flexgate.aaa.local;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One IKEv2 authorization policy from configuration {@code io.flexgate.ikev2.authorization~NAME}. */
@Component(service = AuthorizationPolicy.class, configurationPid = "io.flexgate.ikev2.authorization",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = AuthorizationPolicyConfiguration.class, factory = true)
public final class AuthorizationPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationPolicy.class);

    private final PolicyDefinition definition;

    @Activate
    public AuthorizationPolicy(AuthorizationPolicyConfiguration config) {
        this.definition = PolicyDefinition.parse(config);
        LOG.info("crypto ikev2 authorization policy {}: {}{}", definition.name(), definition.attributes(),
                definition.routeSetAcl().map(a -> ", route set access-list " + a).orElse(""));
    }

    PolicyDefinition definition() {
        return definition;
    }
}
