package io.flexgate.shell.anyconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.anyconnect.AnyConnectProfiles.Problem;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileTableTest {

    private static final List<ProfileStatus> PROFILES = List.of(
            new ProfileStatus.Loaded("acvpn", Path.of("/opt/flexgate/etc/anyconnect/acvpn.xml"), 2712,
                    "A9993E364706816ABA3E25717850C26C9CD0D89D", List.of("VPN IOS-XE (vpn.example.com)"), List.of()),
            new ProfileStatus.Loaded("lab", Path.of("/lab.xml"), 20, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
                    List.of(), List.of(new Problem(1, 20, "no ServerList/HostEntry"))),
            new ProfileStatus.Invalid("seed", Path.of("/seed.xml"), List.of(
                    new Problem(2, 1, "start tag <AnyConnectProfile is not closed"),
                    new Problem(23, 6, "'SecurIDIntegration' in start tag <RSA has no '=\"value\"'"))));

    @Test
    void rowsShowStatusAndTheManifestHash() {
        assertThat(ProfileTable.rows(PROFILES)).containsExactly(
                List.of("acvpn", "valid", "2712", "A9993E364706816ABA3E25717850C26C9CD0D89D",
                        "VPN IOS-XE (vpn.example.com)", "/opt/flexgate/etc/anyconnect/acvpn.xml"),
                List.of("lab", "valid, 1 warning", "20", "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", "", "/lab.xml"),
                List.of("seed", "INVALID (2)", "-", "-", "-", "/seed.xml"));
        assertThat(ProfileTable.COLUMNS).hasSize(6);
    }

    @Test
    void notesNameLineAndColumn() {
        assertThat(ProfileTable.notes(PROFILES)).containsExactly(
                "lab: warning: line 1, column 20: no ServerList/HostEntry",
                "seed: error: line 2, column 1: start tag <AnyConnectProfile is not closed",
                "seed: error: line 23, column 6: 'SecurIDIntegration' in start tag <RSA has no '=\"value\"'");
    }

    @Test
    void directoriesAreTheSeedGuidesAndLinux() {
        assertThat(ProfileDirectories.BY_PLATFORM).containsEntry("Windows",
                "C:\\ProgramData\\Cisco\\Cisco AnyConnect Secure Mobility Client\\Profile")
                .containsEntry("macOS", "/opt/cisco/anyconnect/profile");
        assertThat(ProfileDirectories.describe()).startsWith("Windows C:\\ProgramData").contains("; macOS /opt/");
    }
}
