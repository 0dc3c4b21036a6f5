package io.flexgate.aaa.local;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user from configuration {@code io.flexgate.aaa.user~NAME}, handed to the {@link LocalUserDatabase} for
 * as long as the configuration exists; it wins over a database-file entry of the same name.
 *
 * <p>Deliberately not a service: DS copies a component's configuration into its service properties, and
 * the hashes must not show up in the service registry ({@code service:list}).
 */
@Component(service = {}, configurationPid = "io.flexgate.aaa.user", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = UserConfiguration.class, factory = true)
public final class ConfiguredUser {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredUser.class);

    private final UserEntry entry;
    private final LocalUserDatabase database;

    @Activate
    public ConfiguredUser(UserConfiguration config, @Reference LocalUserDatabase database) {
        this.entry = toEntry(config, PasswordHash.DEFAULT_ITERATIONS, new SecureRandom());
        this.database = database;
        database.addConfigured(entry);
    }

    @Deactivate
    void deactivate() {
        database.removeConfigured(entry);
    }

    UserEntry entry() {
        return entry;
    }

    /**
     * @throws IllegalArgumentException naming the user and the problem, never a credential
     */
    static UserEntry toEntry(UserConfiguration config, int iterations, SecureRandom random) {
        String name = UserEntry.checkName(config.name());
        boolean hasHash = !config.password_hash().isBlank();
        boolean hasClear = !config.password().isEmpty();
        if (hasHash == hasClear) {
            throw new IllegalArgumentException("user " + name + ": set exactly one of password.hash and password");
        }
        if (config.reversible() && !hasClear) {
            throw new IllegalArgumentException("user " + name + ": reversible needs the clear password");
        }
        if (hasClear) {
            LOG.warn("user {}: the configuration holds a clear password{}; prefer password.hash and nt.hash", name,
                    config.reversible() ? ", kept reversibly for EAP-MD5" : "");
            char[] password = config.password().toCharArray();
            try {
                return UserEntry.fromPassword(name, password, config.reversible(), iterations, random);
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }
        PasswordHash verifier;
        Optional<byte[]> nt;
        try {
            verifier = PasswordHash.decode(config.password_hash());
            nt = config.nt_hash().isBlank() ? Optional.empty()
                    : Optional.of(HexFormat.of().parseHex(config.nt_hash().strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("user " + name + ": " + e.getMessage(), e);
        }
        if (nt.isEmpty()) {
            LOG.info("user {}: no nt.hash configured, so EAP-MSCHAPv2 cannot authenticate this user", name);
        }
        return new UserEntry(name, verifier, nt, Optional.empty());
    }
}
