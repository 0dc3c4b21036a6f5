package io.flexgate.itests;

import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.osgi.framework.BundleContext;

/**
 * What every FlexGate container test shares: the assembled distribution on free ports, offline, with a
 * bounded boot, and helpers that wait on conditions (never sleep) and run shell commands.
 */
public abstract class FlexGateTestSupport {

    /** Longest a test waits for a condition inside a booted container. */
    protected static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    /** The container options; subclasses add their own with {@link #withOptions}. */
    protected Option[] baseOptions() {
        String distribution = System.getProperty("flexgate.distribution");
        String localRepo = System.getProperty("flexgate.localRepository");
        String examDir = System.getProperty("flexgate.examDir", "target/exam");
        if (distribution == null || !new File(distribution).isFile()) {
            throw new IllegalStateException("distribution archive not found: " + distribution
                    + " (build karaf-assembly first)");
        }
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(distribution).toURI().toString())
                        .name("FlexGate")
                        .karafVersion("4.4.10")
                        .unpackDirectory(new File(examDir))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevelOption.LogLevel.INFO),
                systemTimeout(120_000),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
                // The IKE engine listens on loopback and free ports, not on 500/4500 of the machine.
                editConfigurationFilePut("etc/io.flexgate.ikev2.cfg", "address", "127.0.0.1"),
                editConfigurationFilePut("etc/io.flexgate.ikev2.cfg", "port", Integer.toString(freeUdpPort())),
                editConfigurationFilePut("etc/io.flexgate.ikev2.cfg", "natt.port", Integer.toString(freeUdpPort())),
                // The probe may be installed before the JUnit invoker registers under load (gotcha 14).
                editConfigurationFilePut("etc/system.properties",
                        "org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT", "120000"),
                // The distribution is offline; the exam feature's bundles come from the build's local repo.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        localRepo),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,"
                                + new File(localRepo).toURI() + "@id=local@snapshots")));
        return options.toArray(new Option[0]);
    }

    protected Option[] withOptions(Option... more) {
        Option[] base = baseOptions();
        Option[] all = new Option[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** A TCP port free right now on the loopback address. */
    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** A UDP port free right now on the loopback address. */
    protected static int freeUdpPort() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free UDP port", e);
        }
    }

    /**
     * Waits until {@code condition} holds, polling, for at most {@code timeout}.
     *
     * @throws AssertionError naming {@code what} when the time runs out
     */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(50); // poll interval, not a wait for a result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Runs a shell command as the console would and returns what it printed. */
    protected String execute(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            Session session = sessionFactory.create(System.in, out, out);
            try {
                Object result = session.execute(command);
                if (result != null) {
                    out.println(result);
                }
            } finally {
                session.close();
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
