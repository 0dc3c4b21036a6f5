package io.flexgate.pool;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One IP local pool, configuration {@code io.flexgate.pool~NAME} (on disk {@code etc/io.flexgate.pool-NAME.cfg}).
 * IOS: {@code ip local pool NAME FIRST [LAST]}, one configuration line per range.
 */
@ObjectClassDefinition(name = "FlexGate IP local pool", description = "ip local pool NAME FIRST [LAST]")
public @interface PoolConfiguration {

    /** The pool's name; also the service property {@code pool.name} that profiles and policies look up. */
    @AttributeDefinition(name = "Pool name", description = "The IOS pool name, e.g. ACP00L")
    String pool_name();

    /**
     * The ranges, each {@code "FIRST LAST"} or a single address; IPv4 and IPv6 may be mixed across ranges. A
     * {@code .cfg} file holds one string, so several ranges go comma-separated in it.
     */
    @AttributeDefinition(name = "Ranges", description = "Each 'FIRST LAST' (inclusive) or a single address,"
            + " e.g. '192.168.10.5 192.168.10.10'")
    String[] ranges();
}
