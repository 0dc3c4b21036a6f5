package io.flexgate.api.anyconnect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The AnyConnect XML client profiles configured as {@code io.flexgate.anyconnect.profile~NAME} (the IOS
 * {@code crypto vpn anyconnect profile NAME bootflash:/FILE}), each loaded and validated when its
 * configuration arrives.
 *
 * <p>Registered by the eap-anyconnect bundle; used by the shell ({@code crypto:anyconnect-profile-list},
 * {@code crypto:anyconnect-profile-export}). Thread-safe.
 */
@ProviderType
public interface AnyConnectProfiles {

    /** Every configured profile, valid or not, sorted by name. */
    List<ProfileStatus> profiles();

    /** The profile configured under {@code name}, if any. */
    Optional<ProfileStatus> profile(String name);

    /**
     * Writes the profile's bytes, exactly as loaded (so the client computes the same SHA-1 as the
     * manifest announces), to {@code target} for out-of-band installation into a client's profile
     * directory. An existing file is replaced.
     *
     * @return the exported profile
     * @throws IllegalArgumentException when no profile has that name or the profile is invalid
     * @throws IOException              when the file cannot be written
     */
    ProfileStatus.Loaded export(String name, Path target) throws IOException;

    /** A configured profile: loaded, or rejected with the places where it is broken. */
    sealed interface ProfileStatus {

        /** The profile name ({@code acvpn}). */
        String name();

        /** The configured file, resolved to an absolute path. */
        Path file();

        /**
         * A well-formed profile.
         *
         * @param size     the file size in bytes
         * @param sha1Hex  SHA-1 of the file bytes, upper-case hex, as the {@code vpn-profile-manifest} carries it
         * @param hosts    the {@code ServerList/HostEntry} host names, in file order
         * @param warnings things a client will trip over although the XML is well-formed
         */
        record Loaded(String name, Path file, long size, String sha1Hex, List<String> hosts, List<Problem> warnings)
                implements ProfileStatus {
            public Loaded {
                hosts = List.copyOf(hosts);
                warnings = List.copyOf(warnings);
            }
        }

        /**
         * A profile that cannot be used; the problems say where the file is broken.
         *
         * @param problems at least one, in file order
         */
        record Invalid(String name, Path file, List<Problem> problems) implements ProfileStatus {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /**
     * One problem in a profile file, at a 1-based line and column (0 when the problem has no place,
     * for example an unreadable file).
     */
    record Problem(int line, int column, String message) {

        /** {@code line 3, column 3: message}. */
        @Override
        public String toString() {
            return line > 0 ? "line " + line + ", column " + column + ": " + message : message;
        }
    }
}
