package io.flexgate.eap.anyconnect.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnyConnectProfileCatalogTest {

    @TempDir
    Path etc;

    private final AnyConnectProfileCatalog catalog = new AnyConnectProfileCatalog();

    private ConfiguredProfile configure(String name, String file, byte[] content) throws IOException {
        Path path = etc.resolve(file);
        Files.createDirectories(path.getParent());
        Files.write(path, content);
        ConfiguredProfile profile = new ConfiguredProfile(name, etc, file);
        catalog.addProfile(profile);
        return profile;
    }

    @Test
    void relativeFileIsResolvedAgainstEtcAndExportedByteForByte() throws IOException {
        byte[] content = ProfileValidatorTest.resource("acvpn.xml");
        configure("acvpn", "anyconnect/acvpn.xml", content);
        Path target = etc.resolve("out/Profile/acvpn.xml");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old profile");

        ProfileStatus.Loaded exported = catalog.export("acvpn", target);

        assertThat(exported.file()).isEqualTo(etc.resolve("anyconnect/acvpn.xml").toAbsolutePath().normalize());
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(exported.sha1Hex()).isEqualTo(ProfileValidator.sha1Hex(content));
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void invalidAndUnknownProfilesAreNotExported() throws IOException {
        configure("seed", "seed.xml", ProfileValidatorTest.resource("seed-sample-acvpn.xml"));
        Path target = etc.resolve("x.xml");

        assertThatThrownBy(() -> catalog.export("seed", target)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is invalid: line 2, column 1");
        assertThatThrownBy(() -> catalog.export("nope", target)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no AnyConnect profile named 'nope'");
        assertThat(target).doesNotExist();
    }

    @Test
    void listingIsSortedAndFollowsTheConfigurations() throws IOException {
        ConfiguredProfile b = configure("b", "b.xml", "<AnyConnectProfile/>".getBytes());
        configure("a", "a.xml", "<AnyConnectProfile>".getBytes());

        assertThat(catalog.profiles()).extracting(ProfileStatus::name).containsExactly("a", "b");
        assertThat(catalog.profile("a")).get().isInstanceOf(ProfileStatus.Invalid.class);

        catalog.removeProfile(b);
        assertThat(catalog.profile("b")).isEmpty();
    }

    @Test
    void missingFileIsAnInvalidProfileThatSaysSo() {
        ConfiguredProfile profile = new ConfiguredProfile("gone", etc, "gone.xml");

        assertThat(profile.status()).isInstanceOfSatisfying(ProfileStatus.Invalid.class,
                i -> assertThat(i.problems()).singleElement().asString().isEqualTo("cannot read the file"));
        assertThat(new ConfiguredProfile("empty", etc, " ").status()).isInstanceOfSatisfying(ProfileStatus.Invalid.class,
                i -> assertThat(i.problems()).singleElement().asString()
                        .isEqualTo("no file configured: set 'file' in io.flexgate.anyconnect.profile~empty"));
        assertThat(profile.bytes()).isEmpty();
    }

    @Test
    void nameComesFromTheConfigurationOrElseThePid() {
        assertThat(ConfiguredProfile.profileName("acvpn", "io.flexgate.anyconnect.profile~x")).isEqualTo("acvpn");
        assertThat(ConfiguredProfile.profileName("", "io.flexgate.anyconnect.profile~acvpn")).isEqualTo("acvpn");
        assertThat(ConfiguredProfile.profileName(" ", "io.flexgate.anyconnect.profile-acvpn")).isEqualTo("acvpn");
    }
}
