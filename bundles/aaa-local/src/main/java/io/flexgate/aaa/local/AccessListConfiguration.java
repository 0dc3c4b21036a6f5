package io.flexgate.aaa.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A standard access list, configuration {@code io.flexgate.acl~NAME} (on disk {@code etc/io.flexgate.acl-NAME.cfg}):
 * {@code ip access-list standard NAME} with its entries in order.
 */
@ObjectClassDefinition(name = "FlexGate standard access list")
public @interface AccessListConfiguration {

    @AttributeDefinition(name = "Name")
    String name();

    /** In order; in a {@code .cfg} file one comma-separated string. */
    @AttributeDefinition(name = "Entries", description = "e.g. 'permit 10.0.0.0 0.255.255.255, deny any'")
    String[] entries();
}
