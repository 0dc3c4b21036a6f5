package io.flexgate.aaa.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An IOS method list, configuration {@code io.flexgate.aaa.list~NAME} (on disk
 * {@code etc/io.flexgate.aaa.list-NAME.cfg}): {@code aaa authentication login NAME local},
 * {@code aaa authorization network NAME local}, {@code aaa accounting network NAME start-stop group radius}.
 * The name and kind are also the service properties {@code aaa.list.name} and {@code aaa.list.kind}.
 */
@ObjectClassDefinition(name = "FlexGate AAA method list")
public @interface MethodListConfiguration {

    @AttributeDefinition(name = "List name")
    String aaa_list_name();

    @AttributeDefinition(name = "Kind", description = "authentication, authorization or accounting")
    String aaa_list_kind();

    /** As IOS writes them, in order: {@code local}, {@code group radius local}. */
    @AttributeDefinition(name = "Methods", description = "In order, e.g. 'local' or 'group radius local'")
    String methods();
}
