package io.flexgate.eap.anyconnect.profile;

import io.flexgate.api.anyconnect.AnyConnectProfiles.Problem;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import io.flexgate.eap.anyconnect.xml.HardenedXml;
import io.flexgate.eap.anyconnect.xml.XmlElement;
import io.flexgate.eap.anyconnect.xml.XmlFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks an AnyConnect XML client profile (seed step 6) and computes the SHA-1 the
 * {@code vpn-profile-manifest} announces (anchors.md section 2.5). Cisco's schema is not public, so the
 * checks are: well-formed XML under the hardened parser, root element {@code AnyConnectProfile}; and,
 * as warnings, what makes AnyConnect ignore the profile for IKEv2: no {@code ServerList/HostEntry}, a
 * host without {@code HostName}, a {@code PrimaryProtocol} other than IPsec.
 */
public final class ProfileValidator {

    /** The largest profile accepted; Cisco's profile editor writes a few KiB. */
    public static final int MAX_PROFILE_BYTES = 512 * 1024;
    /** The deepest element nesting accepted in a profile. */
    public static final int MAX_PROFILE_DEPTH = 32;
    /** The most elements in one profile. */
    public static final int MAX_PROFILE_ELEMENTS = 8192;
    /** The most text in one profile. */
    public static final int MAX_PROFILE_TEXT_CHARS = 256 * 1024;

    static final String ROOT = "AnyConnectProfile";

    private static final HardenedXml.Limits LIMITS = new HardenedXml.Limits(MAX_PROFILE_BYTES, MAX_PROFILE_DEPTH,
            MAX_PROFILE_ELEMENTS, MAX_PROFILE_TEXT_CHARS);

    private ProfileValidator() {
    }

    /** Validates {@code bytes}, the content of {@code file}, configured as profile {@code name}. */
    public static ProfileStatus validate(String name, Path file, byte[] bytes) {
        XmlElement root;
        try {
            root = HardenedXml.parse(bytes, LIMITS);
        } catch (XmlFormatException e) {
            List<Problem> problems = new ArrayList<>();
            // a problem without a place (the size) is not the parser's finding
            problems.add(new Problem(e.line(), e.column(), (e.line() > 0 ? "XML parser: " : "") + e.problem()));
            if (bytes.length <= MAX_PROFILE_BYTES) {
                problems.addAll(StartTagLint.scan(new String(bytes, StandardCharsets.UTF_8)));
            }
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            return new ProfileStatus.Invalid(name, file, problems);
        }
        if (!root.name().equals(ROOT)) {
            return new ProfileStatus.Invalid(name, file, List.of(new Problem(root.line(), root.column(),
                    "root element is <" + root.name() + ">, an AnyConnect profile's is <" + ROOT + ">")));
        }
        List<String> hosts = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        List<XmlElement> entries = root.child("ServerList").map(s -> s.children("HostEntry")).orElse(List.of());
        if (entries.isEmpty()) {
            warnings.add(new Problem(root.line(), root.column(), "no ServerList/HostEntry: the client has no "
                    + "server to offer and will not use IPsec for one typed in by hand"));
        }
        for (XmlElement entry : entries) {
            Optional<String> host = entry.childText("HostName").filter(h -> !h.isEmpty());
            if (host.isEmpty()) {
                warnings.add(new Problem(entry.line(), entry.column(), "HostEntry without HostName"));
                continue;
            }
            hosts.add(host.get() + entry.childText("HostAddress").map(a -> " (" + a + ")").orElse(""));
            String protocol = entry.childText("PrimaryProtocol").orElse("");
            if (!protocol.equalsIgnoreCase("IPsec")) {
                warnings.add(new Problem(entry.line(), entry.column(), "HostEntry " + host.get()
                        + ": PrimaryProtocol is '" + protocol + "', not IPsec: the client will try TLS first, "
                        + "which FlexGate does not serve"));
            }
        }
        return new ProfileStatus.Loaded(name, file, bytes.length, sha1Hex(bytes), hosts, warnings);
    }

    /** Upper-case hex SHA-1, the form of the manifest's {@code <hash type="sha1">} (anchors.md 2.5). */
    public static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
