package io.flexgate.shell.debug;

import io.flexgate.api.config.ConfigFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Waits until Felix fileinstall has written a configuration update back to its {@code etc/} file.
 *
 * <p>Why: fileinstall saves every ConfigurationAdmin update of a file-backed PID into its file from its
 * (asynchronous) configuration listener, and its directory scanner, once a second, loads any file whose
 * checksum it has not yet recorded back into ConfigurationAdmin when the contents differ. A second update
 * made while the first is still being written lets the scanner read the first file and put it back over the
 * second: {@code crypto:debug} followed at once by {@code crypto:undebug} could leave the debug levels on for
 * good. Returning only once the file holds this update means the next update never overlaps it.
 */
final class FileWriteBack {

    /** The property in which fileinstall records the file a configuration came from. */
    static final String FILENAME_PROPERTY = ConfigFiles.FILENAME_PROPERTY;
    /** How often the file is read while waiting. */
    static final Duration POLL = Duration.ofMillis(20);

    private FileWriteBack() {
    }

    /**
     * Waits until the file of {@code written} holds the same value as {@code written} for each of {@code keys}
     * (absent in both counts as the same).
     *
     * @return true when the file holds them, or when the configuration has no file; false when
     *         {@code timeout} passed first
     */
    static boolean await(Dictionary<String, Object> written, Collection<String> keys, Duration timeout)
            throws IOException {
        Optional<Path> recorded = ConfigFiles.recorded(written);
        if (recorded.isEmpty()) {
            return true;
        }
        Path file = recorded.get();
        if (!Files.isRegularFile(file)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!sameValues(load(file)::getProperty, written::get, keys)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis()); // poll interval: fileinstall signals nothing when it is done
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether two configurations agree on {@code keys}, values compared as text (absent in both agrees). */
    static boolean sameValues(Function<String, Object> a, Function<String, Object> b, Collection<String> keys) {
        for (String key : keys) {
            Object x = a.apply(key);
            Object y = b.apply(key);
            if (!Objects.equals(x == null ? null : x.toString(), y == null ? null : y.toString())) {
                return false;
            }
        }
        return true;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        // ISO-8859-1 as fileinstall writes by default; a half-written file just fails the comparison.
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            return new Properties(); // a malformed escape cut in half: read it again
        }
        return p;
    }
}
