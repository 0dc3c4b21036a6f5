package io.flexgate.aaa.local;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An IKEv2 authorization policy, configuration {@code io.flexgate.ikev2.authorization~NAME} (on disk
 * {@code etc/io.flexgate.ikev2.authorization-NAME.cfg}): {@code crypto ikev2 authorization policy NAME}.
 * List values may be one comma- or space-separated string.
 */
@ObjectClassDefinition(name = "FlexGate IKEv2 authorization policy")
public @interface AuthorizationPolicyConfiguration {

    @AttributeDefinition(name = "Name")
    String name();

    /** {@code pool NAME}. */
    @AttributeDefinition(name = "Pool", required = false)
    String pool() default "";

    /** {@code dns PRIMARY [SECONDARY]}. */
    @AttributeDefinition(name = "DNS servers", required = false, description = "Primary, then secondary")
    String[] dns() default {};

    /** {@code netmask MASK} (INTERNAL_IP4_NETMASK). */
    @AttributeDefinition(name = "Netmask", required = false)
    String netmask() default "";

    /** {@code def-domain DOMAIN}. */
    @AttributeDefinition(name = "Default domain", required = false)
    String def_domain() default "";

    /** {@code banner ...}. */
    @AttributeDefinition(name = "Banner", required = false)
    String banner() default "";

    /** {@code split-dns DOMAIN ...}. */
    @AttributeDefinition(name = "Split DNS domains", required = false)
    String[] split_dns() default {};

    /** {@code route set access-list NAME}: a standard ACL ({@code io.flexgate.acl~NAME}). */
    @AttributeDefinition(name = "Route set access list", required = false)
    String route_set_acl() default "";

    /** {@code backup-gateway ...}. */
    @AttributeDefinition(name = "Backup gateways", required = false)
    String[] backup_gateways() default {};
}
