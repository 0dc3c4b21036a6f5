package io.flexgate.eap.anyconnect;

import io.flexgate.api.anyconnect.AnyConnectProfiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiles known up front, for tests of the EAP method. */
final class FixedProfiles implements AnyConnectProfiles {

    private final Map<String, ProfileStatus> byName;

    FixedProfiles(ProfileStatus... profiles) {
        this.byName = java.util.Arrays.stream(profiles)
                .collect(java.util.stream.Collectors.toMap(ProfileStatus::name, p -> p));
    }

    @Override
    public List<ProfileStatus> profiles() {
        return List.copyOf(byName.values());
    }

    @Override
    public Optional<ProfileStatus> profile(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public ProfileStatus.Loaded export(String name, Path target) {
        throw new UnsupportedOperationException("not used by the EAP method");
    }
}
