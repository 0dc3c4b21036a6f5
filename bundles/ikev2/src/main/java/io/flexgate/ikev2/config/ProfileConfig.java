package io.flexgate.ikev2.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration {@code io.flexgate.ikev2.profile~NAME}: {@code crypto ikev2 profile NAME}. Property names
 * follow the IOS statements (DS maps {@code _} to {@code .}: {@code match.identity.remote}).
 */
@ObjectClassDefinition(name = "FlexGate IKEv2 profile", description = "crypto ikev2 profile: which peers it "
        + "serves (match identity remote), how both sides authenticate, AAA lists, virtual template")
public @interface ProfileConfig {

    String PID = "io.flexgate.ikev2.profile";

    @AttributeDefinition(description = "The profile's IOS name")
    String name();

    @AttributeDefinition(description = "match identity remote statements: any | key-id VALUE | "
            + "fqdn [domain] NAME | email [domain] NAME | address PREFIX")
    String[] match_identity_remote();

    @AttributeDefinition(description = "authentication local: rsa-sig")
    String authentication_local() default "rsa-sig";

    @AttributeDefinition(description = "authentication remote: anyconnect-eap aggregate | eap [query-identity] | "
            + "rsa-sig")
    String authentication_remote();

    @AttributeDefinition(description = "EAP methods offered for 'authentication remote eap', in order")
    String[] eap_methods() default {"mschapv2", "md5", "gtc"};

    @AttributeDefinition(description = "pki trustpoint NAME")
    String pki_trustpoint();

    @AttributeDefinition(description = "aaa authentication (anyconnect-)eap LIST")
    String aaa_authentication_list();

    @AttributeDefinition(description = "aaa authorization group ... list LIST")
    String aaa_authorization_group_list() default "";

    @AttributeDefinition(description = "aaa authorization group ... list LIST POLICY: the authorization policy")
    String aaa_authorization_group_policy() default "";

    @AttributeDefinition(description = "aaa authorization user ... cached: merge the user's attributes")
    boolean aaa_authorization_user_cached() default true;

    /**
     * Read by the RADIUS accounting component (aaa-radius) from this configuration through ConfigAdmin; the
     * engine itself does not use it.
     */
    @AttributeDefinition(required = false, description = "aaa accounting eap|anyconnect-eap LIST: the accounting "
            + "method list (io.flexgate.aaa.list~LIST, kind accounting) this profile's sessions are accounted "
            + "through; empty: not accounted, unless the RADIUS accounting configuration names a default group")
    String aaa_accounting_list() default "";

    @AttributeDefinition(description = "virtual-template N")
    int virtual_template() default 0;

    @AttributeDefinition(description = "anyconnect profile NAME")
    String anyconnect_profile() default "";

    @AttributeDefinition(description = "dpd INTERVAL RETRY on-demand|periodic; empty for none")
    String dpd() default "";

    @AttributeDefinition(description = "lifetime SECONDS of the IKE SA")
    long lifetime() default 86_400;
}
