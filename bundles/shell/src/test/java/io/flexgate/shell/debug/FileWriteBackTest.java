package io.flexgate.shell.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wait for fileinstall's write-back that keeps one debug command's update from undoing the next. */
class FileWriteBackTest {

    private static final String LEVEL = "log4j2.logger.io_flexgate_ikev2_engine.level";
    private static final String NAME = "log4j2.logger.io_flexgate_ikev2_engine.name";
    private static final List<String> KEYS = List.of(NAME, LEVEL);

    @TempDir
    Path dir;

    /** The configuration as ConfigurationAdmin holds it after {@code crypto:debug ikev2 packet}. */
    private Dictionary<String, Object> debugOn(Path file) {
        Hashtable<String, Object> d = new Hashtable<>();
        d.put("log4j2.rootLogger.level", "INFO");
        d.put(NAME, "io.flexgate.ikev2.engine");
        d.put(LEVEL, "TRACE");
        d.put(FileWriteBack.FILENAME_PROPERTY, file.toUri().toString());
        return d;
    }

    private Path cfg(String text) throws IOException {
        Path file = dir.resolve("org.ops4j.pax.logging.cfg");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return file;
    }

    @Test
    void aFileThatHoldsTheUpdateEndsTheWaitAtOnce() throws IOException {
        Path file = cfg("# Karaf\nlog4j2.rootLogger.level = INFO\n" + NAME + " = io.flexgate.ikev2.engine\n" + LEVEL
                + " = TRACE\n");

        assertThat(FileWriteBack.await(debugOn(file), KEYS, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aFileStillHoldingThePreviousStateIsNotTakenForTheUpdate() throws IOException {
        // What fileinstall's scanner would load back over the update: the level before crypto:debug.
        Path file = cfg("log4j2.rootLogger.level = INFO\n");

        assertThat(FileWriteBack.await(debugOn(file), KEYS, Duration.ofMillis(100))).isFalse();
    }

    @Test
    void aRemovedLoggerMustBeGoneFromTheFileToo() throws IOException {
        Path file = cfg("log4j2.rootLogger.level = INFO\n" + NAME + " = io.flexgate.ikev2.engine\n" + LEVEL + " = TRACE\n");
        Dictionary<String, Object> undebug = debugOn(file);
        undebug.remove(NAME);
        undebug.remove(LEVEL);

        assertThat(FileWriteBack.await(undebug, KEYS, Duration.ofMillis(100))).isFalse();
        Files.writeString(file, "log4j2.rootLogger.level = INFO\n", StandardCharsets.ISO_8859_1);
        assertThat(FileWriteBack.await(undebug, KEYS, Duration.ofMillis(100))).isTrue();
    }

    @Test
    void aConfigurationWithoutAFileHasNothingToWaitFor() throws IOException {
        Dictionary<String, Object> d = debugOn(dir.resolve("unused.cfg"));
        d.remove(FileWriteBack.FILENAME_PROPERTY);

        assertThat(FileWriteBack.await(d, KEYS, Duration.ofMillis(100))).isTrue();
    }

    @Test
    void fileinstallNamesTheFileByUriOrByPath() {
        assertThat(recorded("file:/opt/karaf/etc/a.cfg")).isEqualTo(Path.of("/opt/karaf/etc/a.cfg"));
        assertThat(recorded("/opt/karaf/etc/a.cfg")).isEqualTo(Path.of("/opt/karaf/etc/a.cfg"));
    }

    /** The file the debug commands wait for, as they find it from what fileinstall recorded. */
    private static Path recorded(String value) {
        Hashtable<String, Object> d = new Hashtable<>();
        d.put(FileWriteBack.FILENAME_PROPERTY, value);
        return io.flexgate.api.config.ConfigFiles.recorded(d).orElseThrow();
    }
}
