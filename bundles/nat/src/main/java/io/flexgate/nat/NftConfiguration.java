package io.flexgate.nat;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The nftables NAT service, configuration {@code io.flexgate.nat.nftables} (optional: defaults suffice). */
@ObjectClassDefinition(name = "FlexGate NAT (nftables)",
        description = "The nftables table FlexGate owns for NAT overload")
public @interface NftConfiguration {

    @AttributeDefinition(name = "Table", description = "Name of the inet table FlexGate creates, fills and"
            + " removes; nothing outside it is touched")
    String table_name() default NftNatService.DEFAULT_TABLE;

    @AttributeDefinition(name = "nft command", description = "The nft program and any prefix, one word per"
            + " value, e.g. ip,netns,exec,NS,nft")
    String[] nft_command() default {"nft"};
}
