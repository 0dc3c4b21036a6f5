package io.flexgate.eap.anyconnect.profile;

import io.flexgate.api.anyconnect.AnyConnectProfiles.Problem;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured AnyConnect profile: reads and validates its file when the configuration arrives (and
 * again when it changes, since DS then re-creates the component), and keeps the bytes it validated, so
 * the manifest's SHA-1 and an export always match. An invalid file is kept as
 * {@link ProfileStatus.Invalid} (listed with its problems) and logged at ERROR with line and column.
 */
@Component(service = ConfiguredProfile.class, configurationPid = ConfiguredProfile.FACTORY_PID, immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ProfileConfig.class, factory = true)
public final class ConfiguredProfile {

    /** The factory PID; instances are {@code io.flexgate.anyconnect.profile~NAME}. */
    public static final String FACTORY_PID = "io.flexgate.anyconnect.profile";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredProfile.class);

    private final ProfileStatus status;
    private final byte[] bytes;

    @Activate
    public ConfiguredProfile(ProfileConfig config, Map<String, Object> properties, BundleContext context) {
        this(profileName(config.name(), String.valueOf(properties.get("service.pid"))),
                etcDirectory(context.getProperty("karaf.etc")), config.file() == null ? "" : config.file());
    }

    /** Loads {@code file} (relative to {@code etc}) as profile {@code name}. */
    public ConfiguredProfile(String name, Path etc, String file) {
        Path path = etc.resolve(file).toAbsolutePath().normalize();
        byte[] content = file.isBlank() ? null : readOrNull(path);
        ProfileStatus loaded;
        if (file.isBlank()) {
            loaded = new ProfileStatus.Invalid(name, path, List.of(new Problem(0, 0,
                    "no file configured: set 'file' in " + FACTORY_PID + "~" + name)));
        } else if (content == null) {
            loaded = new ProfileStatus.Invalid(name, path, List.of(new Problem(0, 0, "cannot read the file")));
        } else {
            // the validator refuses content above its limit, and the read stops one byte past it
            loaded = ProfileValidator.validate(name, path, content);
        }
        this.status = loaded;
        this.bytes = loaded instanceof ProfileStatus.Loaded ? content : new byte[0];
        if (loaded instanceof ProfileStatus.Loaded ok) {
            LOG.info("AnyConnect profile {} loaded from {} ({} bytes, SHA-1 {}, hosts {})", name, path, ok.size(),
                    ok.sha1Hex(), ok.hosts());
            ok.warnings().forEach(w -> LOG.warn("AnyConnect profile {} ({}): {}", name, path, w));
        } else if (loaded instanceof ProfileStatus.Invalid bad) {
            bad.problems().forEach(p -> LOG.error("AnyConnect profile {} ({}) is not usable: {}", name, path, p));
        }
    }

    /** The name: the configured one, else the PID's part after '~' (or after the factory PID and '-'). */
    static String profileName(String configured, String pid) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        return pid.startsWith(FACTORY_PID + "-") ? pid.substring(FACTORY_PID.length() + 1) : pid;
    }

    private static Path etcDirectory(String karafEtc) {
        return Path.of(karafEtc == null ? "etc" : karafEtc);
    }

    /** The file's bytes up to one past the limit, or null (logged) when it cannot be read. */
    private static byte[] readOrNull(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(ProfileValidator.MAX_PROFILE_BYTES + 1);
        } catch (IOException e) {
            LOG.error("AnyConnect profile file {} cannot be read: {}", path, e.toString());
            return null;
        }
    }

    public String name() {
        return status.name();
    }

    public ProfileStatus status() {
        return status;
    }

    /** The validated bytes (empty for an invalid profile), copied. */
    public byte[] bytes() {
        return bytes.clone();
    }
}
