package io.flexgate.ikev2.osgi;

import io.flexgate.ikev2.config.IkeProfile;
import io.flexgate.ikev2.config.ProfileConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code crypto ikev2 profile NAME} from {@code io.flexgate.ikev2.profile~NAME}. A configuration with an error
 * fails activation with a message naming the profile and the statement (visible in the log and in
 * {@code scr:info}); the engine then does not see the profile at all.
 */
@Component(configurationPid = ProfileConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ProfileComponent.class)
@Designate(ocd = ProfileConfig.class, factory = true)
public final class ProfileComponent implements ConfigProvider<IkeProfile> {

    private final IkeProfile profile;

    @Activate
    public ProfileComponent(ProfileConfig config) {
        this.profile = IkeProfile.from(config);
    }

    @Override
    public String name() {
        return profile.name();
    }

    @Override
    public IkeProfile value() {
        return profile;
    }
}
