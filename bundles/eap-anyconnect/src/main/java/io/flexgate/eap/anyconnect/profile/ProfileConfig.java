package io.flexgate.eap.anyconnect.profile;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code io.flexgate.anyconnect.profile~NAME}: the IOS {@code crypto vpn anyconnect profile NAME FILE}
 * (file {@code etc/io.flexgate.anyconnect.profile-NAME.cfg}).
 */
@ObjectClassDefinition(name = "FlexGate AnyConnect profile",
        description = "An AnyConnect XML client profile announced to AnyConnect-EAP clients "
                + "(IOS: crypto vpn anyconnect profile NAME FILE)")
public @interface ProfileConfig {

    @AttributeDefinition(name = "Name", required = false,
            description = "The name IKEv2 profiles use (anyconnect profile NAME); empty: the part of the "
                    + "configuration PID after '~'")
    String name() default "";

    @AttributeDefinition(name = "File",
            description = "The profile's XML file; a relative path is resolved against ${karaf.etc}")
    String file();
}
