package io.flexgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Issue 13 against the built distribution in network namespaces (itests/interop/dos/): an IKE_SA_INIT flood
 * from many addresses with a real strongSwan client connecting during it, a full session at TRACE whose
 * logs must hold no secret, a graceful stop (SIGTERM) that deletes every client's IKE SA, and configuration
 * changes cut off by SIGKILL. Needs root, and strongSwan for all but the last; skipped with the reason otherwise.
 */
public class SecurityInteropIT {

    /** The scripts bound each step themselves; this only stops a runaway. */
    private static final long TIMEOUT_SECONDS = 600;

    @Test
    public void cookiesEngageUnderAnSaInitFloodAndAClientStillConnects() throws Exception {
        String out = run("sa-init-flood.sh", "dos");
        assertTrue(out, out.contains("strongSwan client connected=yes during the flood"));
        assertTrue(out, out.contains("dos done"));
    }

    @Test
    public void noSecretInTheLogsOfASessionAtTrace() throws Exception {
        String out = run("secrets-in-logs.sh", "secrets");
        assertTrue(out, out.contains("no secret in the logs"));
    }

    @Test
    public void stoppingTheDistributionDeletesEveryIkeSaAndEndsEverySession() throws Exception {
        String out = run("graceful-stop.sh", "graceful");
        assertTrue(out, out.contains("DELETE sent to 2 peer(s), 2 session(s) ended"));
        assertTrue(out, out.contains("graceful stop done"));
    }

    @Test
    public void aSigkillDuringConfigurationChangesLosesNothingAcknowledged() throws Exception {
        String out = run("crash-config.sh", "crash", false);
        assertTrue(out, out.contains("after data/cache was removed: all "));
        assertTrue(out, out.matches("(?s).*crash-config: 6 SIGKILLs; .* all kept.*"));
    }

    private static String run(String script, String name) throws Exception {
        return run(script, name, true);
    }

    private static String run(String script, String name, boolean strongSwan) throws Exception {
        assumeTrue("needs root for network namespaces", "root".equals(System.getProperty("user.name")));
        assumeTrue("needs strongSwan (apt-get install strongswan-charon strongswan-swanctl)",
                !strongSwan || new File("/usr/lib/ipsec/charon").canExecute());
        Path top = Path.of(System.getProperty("flexgate.top", ".."));
        Path log = Path.of("target", "security-" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", top.resolve("itests/interop/dos").resolve(script).toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FG_DIST", System.getProperty("flexgate.distribution"));
        pb.environment().put("FG_RUN", Path.of("target", "security-" + name).toAbsolutePath().toString());
        pb.environment().put("FG_NS", "fgit-s" + name.charAt(0));
        pb.environment().put("FG_CRASH_ROUNDS", "6");
        Process p = pb.start();
        boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            // The script's EXIT trap takes the namespaces down; a forced stop skips it, so do it here.
            p.destroyForcibly();
            ProcessBuilder down = new ProcessBuilder("bash", top.resolve("itests/interop/flexgate-interop.sh").toString(),
                    "down");
            down.environment().putAll(pb.environment());
            down.start().waitFor(60, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(script + " finished within " + TIMEOUT_SECONDS + " s:\n" + out, finished);
        assertEquals(script + " exit code:\n" + out, 0, p.exitValue());
        return out;
    }
}
