package io.flexgate.shell.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The debug commands' one update of pax-logging's configuration, against a ConfigurationAdmin in which
 * something (fileinstall loading an older etc/ file) may put the previous state back right after an update.
 */
class DebugLevelsUpdateTest {

    /** ConfigurationAdmin holding org.ops4j.pax.logging only; the first {@code reverts} updates are undone. */
    private static final class PaxLoggingConfig {
        private Hashtable<String, Object> stored = new Hashtable<>();
        private int reverts;
        /** Reads that find no configuration yet (fileinstall has not loaded etc/org.ops4j.pax.logging.cfg). */
        int absentReads;
        int updates;

        PaxLoggingConfig(int reverts) {
            this.reverts = reverts;
            stored.put("log4j2.rootLogger.level", "INFO");
        }

        ConfigurationAdmin admin() {
            Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getProperties" -> absentReads-- > 0 ? null : new Hashtable<>(stored);
                        case "update" -> {
                            updates++;
                            if (reverts > 0) {
                                reverts--; // written, then the older state loaded back over it
                            } else {
                                stored = new Hashtable<>(asMap(args[0]));
                            }
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConfiguration") && DebugLevels.PAX_LOGGING_PID.equals(args[0])) {
                            return configuration;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        @SuppressWarnings("unchecked")
        private static Hashtable<String, Object> asMap(Object dictionary) {
            Hashtable<String, Object> out = new Hashtable<>();
            Dictionary<String, Object> d = (Dictionary<String, Object>) dictionary;
            for (var keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                out.put(k, d.get(k));
            }
            return out;
        }
    }

    @Test
    void aSettledChangeIsOneUpdate() throws Exception {
        PaxLoggingConfig cm = new PaxLoggingConfig(0);

        DebugLevels.Applied applied = DebugLevels.update(cm.admin(), c -> DebugLevels.withLevels(c,
                DebugLevels.IKEV2_PACKET));

        assertThat(applied.settled()).isTrue();
        assertThat(applied.active()).containsEntry("io.flexgate.ikev2.engine", "TRACE");
        assertThat(cm.updates).isEqualTo(1);
        assertThat(cm.stored).containsEntry("log4j2.logger.io_flexgate_ikev2_engine.level", "TRACE");
    }

    @Test
    void anUndebugThatWasPutBackIsAppliedAgain() throws Exception {
        PaxLoggingConfig cm = new PaxLoggingConfig(0);
        DebugLevels.update(cm.admin(), c -> DebugLevels.withLevels(c, DebugLevels.IKEV2_PACKET));
        cm.reverts = 1;

        DebugLevels.Applied off = DebugLevels.update(cm.admin(), DebugLevels::withoutDebug);

        assertThat(off.settled()).isTrue();
        assertThat(off.active()).isEmpty();
        assertThat(cm.updates).isEqualTo(3);
        assertThat(cm.stored).doesNotContainKey("log4j2.logger.io_flexgate_ikev2_engine.level")
                .containsEntry("log4j2.rootLogger.level", "INFO");
    }

    @Test
    void aChangeThatKeepsBeingUndoneIsReportedAsNotSettled() throws Exception {
        PaxLoggingConfig cm = new PaxLoggingConfig(Integer.MAX_VALUE);

        DebugLevels.Applied applied = DebugLevels.update(cm.admin(), c -> DebugLevels.withLevels(c, DebugLevels.IKEV2));

        assertThat(applied.settled()).isFalse();
        assertThat(cm.updates).isEqualTo(DebugLevels.MAX_ATTEMPTS);
    }

    @Test
    void withoutConfigurationAdminNothingIsPretended() {
        assertThatThrownBy(() -> DebugLevels.update(null, DebugLevels::withoutDebug))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ConfigurationAdmin");
    }

    @Test
    void noLevelIsWrittenIntoAConfigurationThatIsNotLoaded() {
        PaxLoggingConfig cm = new PaxLoggingConfig(0);
        cm.absentReads = Integer.MAX_VALUE;

        assertThatThrownBy(() -> DebugLevels.update(cm.admin(), c -> DebugLevels.withLevels(c, DebugLevels.IKEV2_PACKET),
                Duration.ofMillis(100))).isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing changed");
        assertThat(cm.updates).isZero();
    }

    @Test
    void aConfigurationWithoutItsRootLevelIsNotLoadedEither() {
        PaxLoggingConfig cm = new PaxLoggingConfig(0);
        cm.stored.remove(DebugLevels.ROOT_LEVEL);

        assertThatThrownBy(() -> DebugLevels.update(cm.admin(), DebugLevels::withoutDebug, Duration.ofMillis(100)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(DebugLevels.ROOT_LEVEL);
        assertThat(cm.updates).isZero();
    }

    @Test
    void theSwitchWaitsForTheConfigurationToBeLoadedAndKeepsAllOfIt() throws Exception {
        PaxLoggingConfig cm = new PaxLoggingConfig(0);
        cm.stored.put("log4j2.appender.rolling.name", "RollingFile");
        cm.absentReads = 3;

        DebugLevels.Applied applied = DebugLevels.update(cm.admin(), c -> DebugLevels.withLevels(c, DebugLevels.IKEV2),
                Duration.ofSeconds(5));

        assertThat(applied.settled()).isTrue();
        assertThat(cm.updates).isEqualTo(1);
        assertThat(cm.stored).containsEntry("log4j2.appender.rolling.name", "RollingFile")
                .containsEntry(DebugLevels.ROOT_LEVEL, "INFO").containsEntry("log4j2.logger.io_flexgate_ikev2.level", "DEBUG");
    }

    @Test
    void withoutFileInstallsWriteBackTheSwitchDoesNotWaitForTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path etc)
            throws Exception {
        // The configuration names its etc/ file, which nothing rewrites: waiting for it would take the whole bound.
        java.nio.file.Path file = etc.resolve("org.ops4j.pax.logging.cfg");
        java.nio.file.Files.writeString(file, "log4j2.rootLogger.level = INFO\n");
        PaxLoggingConfig cm = new PaxLoggingConfig(0);
        cm.stored.put(FileWriteBack.FILENAME_PROPERTY, file.toUri().toString());

        long start = System.nanoTime();
        DebugLevels.Applied applied = DebugLevels.update(cm.admin(), c -> DebugLevels.withLevels(c, DebugLevels.IKEV2),
                Duration.ofSeconds(5), false);

        assertThat(applied.settled()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(cm.updates).isEqualTo(1);
        // With the write-back on, the same file that never changes is what it waits for, and it gives up.
        DebugLevels.Applied waited = DebugLevels.update(cm.admin(), c -> DebugLevels.withLevels(c, DebugLevels.IKEV2_PACKET),
                Duration.ofMillis(100), true);
        assertThat(waited.settled()).isFalse();
        assertThat(java.nio.file.Files.readString(file)).isEqualTo("log4j2.rootLogger.level = INFO\n");
    }

    @Test
    void outsideAFrameworkFileInstallsDefaultApplies() {
        assertThat(DebugLevels.fileInstallWritesBack()).isTrue();
    }
}
