package io.flexgate.shell.config;

import io.flexgate.api.config.IosConfiguration;
import java.nio.file.Path;

/** What the flexgate configuration commands share. */
final class IosCommands {

    private IosCommands() {
    }

    static IosConfiguration require(IosConfiguration ios) {
        if (ios == null) {
            throw new IllegalStateException("the IOS configuration service is not available (is the ios-config "
                    + "bundle running?)");
        }
        return ios;
    }

    /** A relative file against {@code karaf.base}, where the distribution's etc/ and examples/ are. */
    static Path resolve(String file) {
        Path path = Path.of(file);
        String base = System.getProperty("karaf.base");
        return path.isAbsolute() || base == null ? path : Path.of(base).resolve(path);
    }
}
