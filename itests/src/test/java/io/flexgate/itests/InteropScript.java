package io.flexgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the itests/interop scripts as an IT step: in a runtime directory under target/ and with a namespace
 * prefix of its own, bounded in time. The scripts take their namespaces down in an EXIT trap; after a forced stop
 * (overrun) that trap does not run, so this runs the script's {@code down} itself.
 */
final class InteropScript {

    private static final long DOWN_TIMEOUT_SECONDS = 60;

    private final String script;
    private final String runName;
    private final Map<String, String> env = new HashMap<>();

    /**
     * @param script  path of the script from the top of the source tree
     * @param runName name of its runtime directory under target/ and of its log target/NAME.log
     * @param ns      the namespace prefix (unique per IT, so ITs and engineers' runs do not collide)
     */
    InteropScript(String script, String runName, String ns) {
        this.script = script;
        this.runName = runName;
        env.put("FG_RUN", Path.of("target", runName).toAbsolutePath().toString());
        env.put("FG_NS", ns);
        String dist = System.getProperty("flexgate.distribution");
        if (dist != null) {
            env.put("FG_DIST", dist);
        }
    }

    InteropScript env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs {@code script args}; fails the test when it overruns or exits non-zero; returns its output. */
    String run(long timeoutSeconds, String... args) throws Exception {
        Path top = top();
        Path log = Path.of("target", runName + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = command(top, args).redirectErrorStream(true).redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process p = pb.start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            command(top, "down").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(DOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(out);
        System.out.printf("%s took %.1f s%n", script, (System.nanoTime() - started) / 1e9);
        assertTrue(script + " finished within " + timeoutSeconds + " s:\n" + out, finished);
        assertEquals(script + " exit code:\n" + out, 0, p.exitValue());
        return out;
    }

    private ProcessBuilder command(Path top, String... args) {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "bash";
        cmd[1] = top.resolve(script).toString();
        System.arraycopy(args, 0, cmd, 2, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return pb;
    }

    static Path top() {
        return Path.of(System.getProperty("flexgate.top", ".."));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static boolean strongSwanInstalled() {
        return new File("/usr/lib/ipsec/charon").canExecute() && onPath("swanctl");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
