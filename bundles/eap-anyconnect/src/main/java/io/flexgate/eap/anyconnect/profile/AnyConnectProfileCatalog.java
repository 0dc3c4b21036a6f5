package io.flexgate.eap.anyconnect.profile;

import io.flexgate.api.anyconnect.AnyConnectProfiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AnyConnectProfiles} service: every {@link ConfiguredProfile} of this bundle, as they come
 * and go with their configurations.
 */
@Component(service = AnyConnectProfiles.class, immediate = true)
public final class AnyConnectProfileCatalog implements AnyConnectProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(AnyConnectProfileCatalog.class);

    private final List<ConfiguredProfile> configured = new CopyOnWriteArrayList<>();

    @Reference(service = ConfiguredProfile.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeProfile")
    void addProfile(ConfiguredProfile profile) {
        if (find(profile.name()).isPresent()) {
            LOG.warn("AnyConnect profile {} is configured twice; {} is used", profile.name(),
                    find(profile.name()).get().status().file());
        }
        configured.add(profile);
    }

    void removeProfile(ConfiguredProfile profile) {
        configured.remove(profile);
    }

    @Override
    public List<ProfileStatus> profiles() {
        return configured.stream().map(ConfiguredProfile::status)
                .sorted(Comparator.comparing(ProfileStatus::name)).toList();
    }

    @Override
    public Optional<ProfileStatus> profile(String name) {
        return find(name).map(ConfiguredProfile::status);
    }

    @Override
    public ProfileStatus.Loaded export(String name, Path target) throws IOException {
        ConfiguredProfile profile = find(name)
                .orElseThrow(() -> new IllegalArgumentException("no AnyConnect profile named '" + name + "'"));
        if (!(profile.status() instanceof ProfileStatus.Loaded loaded)) {
            throw new IllegalArgumentException("AnyConnect profile '" + name + "' is invalid: "
                    + ((ProfileStatus.Invalid) profile.status()).problems().get(0));
        }
        Path destination = target.toAbsolutePath().normalize();
        Path directory = destination.getParent();
        Files.createDirectories(directory);
        // write beside the target and move, so a client never reads a half-written profile
        Path partial = Files.createTempFile(directory, ".anyconnect-export-", ".part");
        try {
            Files.write(partial, profile.bytes());
            try {
                Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        LOG.info("AnyConnect profile {} exported to {}", name, destination);
        return loaded;
    }

    private Optional<ConfiguredProfile> find(String name) {
        return configured.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
