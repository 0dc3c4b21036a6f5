package io.flexgate.aaa.local;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One standard access list from configuration {@code io.flexgate.acl~NAME}, for the
 * {@link LocalAuthorizer}'s {@code route set access-list}. A new configuration replaces the component
 * (and so the list) as a whole.
 */
@Component(service = AccessList.class, configurationPid = "io.flexgate.acl",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = AccessListConfiguration.class, factory = true)
public final class AccessList {

    private static final Logger LOG = LoggerFactory.getLogger(AccessList.class);

    private final StandardAccessList list;

    @Activate
    public AccessList(AccessListConfiguration config) {
        this.list = StandardAccessList.parse(config.name(), ConfigValues.items(config.entries()));
        LOG.info("ip access-list standard {} {}: permits {}", list.name(), list.entries(), list.permittedPrefixes());
    }

    StandardAccessList list() {
        return list;
    }
}
