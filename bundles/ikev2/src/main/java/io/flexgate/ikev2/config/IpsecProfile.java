package io.flexgate.ikev2.config;

import io.flexgate.api.dataplane.ChildSaSpec;
import java.util.List;

/**
 * {@code crypto ipsec profile NAME} with its {@code set transform-set} and {@code set ikev2-profile}.
 *
 * @param name          the profile's name
 * @param transformSets the transform sets in order of preference
 * @param ikeProfile    the IKEv2 profile it protects tunnels for
 * @param lifetime      {@code set security-association lifetime seconds|kilobytes}
 */
public record IpsecProfile(String name, List<TransformSet> transformSets, String ikeProfile,
        ChildSaSpec.Lifetime lifetime) {

    public IpsecProfile {
        transformSets = List.copyOf(transformSets);
        if (transformSets.isEmpty()) {
            throw new IllegalArgumentException("crypto ipsec profile " + name + ": no transform set");
        }
    }

    /** IOS lifetimes: soft limits 10 % below the hard ones. */
    public static ChildSaSpec.Lifetime lifetime(long seconds, long kilobytes) {
        return new ChildSaSpec.Lifetime(seconds * 9 / 10, seconds, kilobytes * 9 / 10, kilobytes);
    }
}
