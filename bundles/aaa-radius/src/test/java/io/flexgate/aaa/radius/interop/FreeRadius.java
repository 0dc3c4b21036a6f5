package io.flexgate.aaa.radius.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A private FreeRADIUS 3 for one test class: a copy of the Debian raddb under {@code target/freeradius/},
 * with our own clients.conf, users file, EAP module and one virtual server on two free loopback ports;
 * accounting goes to the detail file under its log directory. Started as a child process in the
 * foreground and stopped through its own process handle.
 */
final class FreeRadius implements AutoCloseable {

    static final Path DAEMON = Path.of("/usr/sbin/freeradius");
    static final Path DEBIAN_RADDB = Path.of("/etc/freeradius/3.0");
    static final String SECRET = "flexgate-test-secret";
    /** Start to "Ready to process requests" takes about 0.3 s here; allow for a loaded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    final Path dir;
    final Path log;
    final int authPort;
    final int acctPort;
    private final Process process;

    /** Skips the calling test unless FreeRADIUS is installed and we are root (the raddb copy needs it). */
    static void assumeAvailable() {
        assumeTrue(Files.isExecutable(DAEMON) && Files.isDirectory(DEBIAN_RADDB),
                "FreeRADIUS is not installed: apt-get install -y freeradius freeradius-utils");
        assumeTrue(isRoot(), "the FreeRADIUS interop test runs as root: Debian's raddb is readable by root and "
                + "freerad only");
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    FreeRadius() throws IOException, InterruptedException {
        this.dir = Path.of("target", "freeradius", UUID.randomUUID().toString()).toAbsolutePath();
        Path raddb = dir.resolve("raddb");
        this.log = dir.resolve("log");
        Files.createDirectories(log);
        run("cp", "-a", DEBIAN_RADDB.toString(), raddb.toString());
        int[] ports = freePorts();
        this.authPort = ports[0];
        this.acctPort = ports[1];
        Files.delete(raddb.resolve("sites-enabled/default"));
        Files.deleteIfExists(raddb.resolve("sites-enabled/inner-tunnel"));
        Files.delete(raddb.resolve("mods-enabled/eap"));
        Files.delete(raddb.resolve("mods-config/files/authorize"));
        copy("site", raddb.resolve("sites-enabled/flexgate"));
        copy("eap", raddb.resolve("mods-enabled/eap"));
        copy("clients.conf", raddb.resolve("clients.conf"));
        copy("authorize", raddb.resolve("mods-config/files/authorize"));
        Path conf = raddb.resolve("radiusd.conf");
        String radiusd = Files.readString(conf)
                .replaceAll("(?m)^logdir = .*$", "logdir = " + log)
                .replaceAll("(?m)^\\s*(user|group) = freerad\\s*$", "")
                .replaceAll("(?m)^(\\s*reject_delay = ).*$", "$10");
        Files.writeString(conf, radiusd);
        this.process = new ProcessBuilder(DAEMON.toString(), "-f", "-xx", "-d", raddb.toString(), "-l",
                log.resolve("radius.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout").toFile()).start();
        awaitReady();
    }

    private void copy(String resource, Path target) throws IOException {
        try (InputStream in = FreeRadius.class.getResourceAsStream("/freeradius/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@AUTH_PORT@", Integer.toString(authPort))
                    .replace("@ACCT_PORT@", Integer.toString(acctPort)).replace("@SECRET@", SECRET);
            Files.writeString(target, text);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Path radiusLog = log.resolve("radius.log");
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(radiusLog) && Files.readString(radiusLog).contains("Ready to process requests")) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20); // polling a file written by another process: no event to wait on
        }
        close();
        throw new IllegalStateException("FreeRADIUS did not start; see " + radiusLog + " and " + dir.resolve("stdout"));
    }

    InetSocketAddress auth() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), authPort);
    }

    InetSocketAddress acct() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), acctPort);
    }

    /** The accounting detail records written so far (all detail files, concatenated). */
    String detail() {
        Path radacct = log.resolve("radacct");
        if (!Files.isDirectory(radacct)) {
            return "";
        }
        try (Stream<Path> files = Files.walk(radacct)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(Files.readString(p));
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two UDP ports free on loopback now. */
    static int[] freePorts() throws IOException {
        try (DatagramSocket a = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket b = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
