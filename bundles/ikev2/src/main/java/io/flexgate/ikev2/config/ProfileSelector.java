package io.flexgate.ikev2.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Chooses the IKEv2 profile for a peer identity (IKE_AUTH request's IDi) the way IOS does when profiles
 * overlap: the best match, that is the profile with the most specific matching statement
 * ({@link IdentityMatch#specificity()}: exact identity, then the longest domain, then the longest address
 * prefix, then {@code any}), not the first configured. Among equals, the first by name, so the choice never
 * depends on the order in which configurations arrived.
 */
public final class ProfileSelector {

    private ProfileSelector() {
    }

    public static Optional<IkeProfile> select(Collection<IkeProfile> profiles, int idType, String identity) {
        return profiles.stream()
                .filter(p -> p.matchSpecificity(idType, identity) >= 0)
                .max(Comparator.<IkeProfile>comparingInt(p -> p.matchSpecificity(idType, identity))
                        .thenComparing(IkeProfile::name, Comparator.reverseOrder()));
    }
}
