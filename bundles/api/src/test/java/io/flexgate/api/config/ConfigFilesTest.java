package io.flexgate.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.apache.felix.utils.properties.TypedProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    @TempDir
    Path etc;

    /** What FileInstall reads from a file: its values, typed as in the file. */
    private static TypedProperties readAsFileInstallDoes(Path file) throws IOException {
        TypedProperties read = new TypedProperties();
        read.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        return read;
    }

    private static Dictionary<String, Object> dictionary(Map<String, Object> values) {
        return new Hashtable<>(values);
    }

    @Test
    void aNewFileReadsBackAsTheSameTypedValuesWithoutConfigAdminsOwnKeys() throws IOException {
        Path file = ConfigFiles.fileFor(etc, "io.flexgate.pool", "CRASH3");
        Dictionary<String, Object> values = dictionary(Map.of("pool.name", "CRASH3",
                "ranges", new String[] {"10.99.3.1 10.99.3.20", "10.99.4.1 10.99.4.9"},
                "lease.limit", 5, "strict", Boolean.TRUE, "note", "quotes \" and = and ünïcode",
                "service.pid", "io.flexgate.pool~CRASH3", "service.factoryPid", "io.flexgate.pool",
                ConfigFiles.FILENAME_PROPERTY, "file:/elsewhere.cfg"));

        ConfigFiles.write(file, values, false);

        assertThat(file).hasFileName("io.flexgate.pool-CRASH3.cfg");
        TypedProperties read = readAsFileInstallDoes(file);
        assertThat(read.keySet()).containsExactlyInAnyOrder("pool.name", "ranges", "lease.limit", "strict", "note");
        assertThat(read.get("ranges")).isEqualTo(new String[] {"10.99.3.1 10.99.3.20", "10.99.4.1 10.99.4.9"});
        assertThat(read.get("lease.limit")).isEqualTo(5);
        assertThat(read.get("strict")).isEqualTo(Boolean.TRUE);
        assertThat(read.get("note")).isEqualTo("quotes \" and = and ünïcode");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        try (var left = Files.list(etc)) {
            assertThat(left).containsExactly(file); // no hidden temporary file stays behind
        }
    }

    @Test
    void anExistingFileKeepsItsCommentsAndLosesOnlyTheKeysThatAreGone() throws IOException {
        Path file = etc.resolve("io.flexgate.pool-ACP00L.cfg");
        Files.writeString(file, "# IOS: ip local pool ACP00L 192.168.10.5 192.168.10.10\n"
                + "# Edits apply at once.\npool.name = ACP00L\nranges = 192.168.10.5 192.168.10.10\n"
                + "obsolete = yes\n", StandardCharsets.ISO_8859_1);

        ConfigFiles.write(file, dictionary(Map.of("pool.name", "ACP00L",
                "ranges", new String[] {"192.168.10.5 192.168.10.12"})), false);

        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("# IOS: ip local pool ACP00L 192.168.10.5 192.168.10.10\n# Edits apply at once.\n")
                .doesNotContain("obsolete");
        TypedProperties read = readAsFileInstallDoes(file);
        assertThat(read.get("ranges")).isEqualTo(new String[] {"192.168.10.5 192.168.10.12"});
        assertThat(read.get("pool.name")).isEqualTo("ACP00L");
    }

    @Test
    void aValueFileInstallWouldReadBackDifferentlyIsRefusedAndTheFileLeftAsItWas() throws IOException {
        Path file = etc.resolve("io.flexgate.acl-A.cfg");
        Files.writeString(file, "name = A\n");

        assertThatThrownBy(() -> ConfigFiles.write(file, dictionary(Map.of("name", "A",
                "entries", new String[] {"permit a\\b"})), false))
                .isInstanceOf(IOException.class).hasMessageContaining("entries would not read back the same");
        assertThat(Files.readString(file)).isEqualTo("name = A\n");
        // A lone string keeps its backslash in FileInstall's format: accepted.
        ConfigFiles.write(file, dictionary(Map.of("name", "A", "path", "C:\\profiles")), false);
        assertThat(readAsFileInstallDoes(file).get("path")).isEqualTo("C:\\profiles");
    }

    @Test
    void aFileWithASecretIsReadableByItsOwnerOnlyEvenWhenItWasNot() throws IOException {
        Path file = etc.resolve("io.flexgate.radius.server-R1.cfg");
        Files.writeString(file, "name = R1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ConfigFiles.write(file, dictionary(Map.of("name", "R1", ".key", "s3cret")), true);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(readAsFileInstallDoes(file).get(".key")).isEqualTo("s3cret");
    }

    @Test
    void aFileKeepsPermissionsTheOperatorGaveIt() throws IOException {
        Path file = etc.resolve("io.flexgate.pool-P.cfg");
        Files.writeString(file, "pool.name = P\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        ConfigFiles.write(file, dictionary(Map.of("pool.name", "P", "ranges", "10.0.0.1 10.0.0.2")), false);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void aNameWithASlashStaysOneFileInEtc() throws IOException {
        Path file = ConfigFiles.fileFor(etc, "io.flexgate.interface", "GigabitEthernet0/0/1");

        assertThat(file.getParent()).isEqualTo(etc);
        assertThat(file).hasFileName("io.flexgate.interface-GigabitEthernet0%2F0%2F1.cfg");
        assertThat(ConfigFiles.fileFor(etc, "io.flexgate.acl", "../../tmp/x%y").getParent()).isEqualTo(etc);
        ConfigFiles.write(file, dictionary(Map.of("name", "GigabitEthernet0/0/1")), false);
        assertThat(readAsFileInstallDoes(file).get("name")).isEqualTo("GigabitEthernet0/0/1");
        assertThatThrownBy(() -> ConfigFiles.fileFor(etc, "io.flexgate.acl", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRecordedFileIsTheUriFileInstallLooksConfigurationsUpBy() {
        Path file = etc.resolve("io.flexgate.pool-P.cfg");

        String recorded = ConfigFiles.recordedValue(file);

        assertThat(recorded).isEqualTo(file.toFile().getAbsoluteFile().toURI().toString()).startsWith("file:/")
                .doesNotStartWith("file:///");
        assertThat(ConfigFiles.recorded(dictionary(Map.of(ConfigFiles.FILENAME_PROPERTY, recorded)))).contains(file);
        assertThat(ConfigFiles.recorded(dictionary(Map.of(ConfigFiles.FILENAME_PROPERTY, file.toString())))).contains(file);
        assertThat(ConfigFiles.recorded(new Hashtable<>())).isEmpty();
    }
}
