package io.flexgate.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the openssl and strongSwan {@code pki} command-line tools that make test fixtures at runtime. */
final class Tools {

    /** A generous bound for one key generation or certificate operation; never a timing assertion. */
    private static final long TIMEOUT_SECONDS = 60;

    private Tools() {
    }

    static void assumeOnPath(String tool) {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
        Assumptions.assumeTrue(found, tool + " is not installed");
    }

    /** Runs a command in {@code dir}; its standard output goes to {@code stdout} when given. Returns stderr. */
    static String run(Path dir, Path stdout, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process process = builder.start();
        assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), stderr).isZero();
        return stderr;
    }
}
