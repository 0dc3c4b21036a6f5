package io.flexgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The shipped distribution, on its shipped configuration, against a real strongSwan client in network
 * namespaces (itests/interop/flexgate-interop.sh `all`): EAP-MSCHAPv2, EAP-GTC and EAP-MD5 with user test, a
 * client certificate, an address from ACP00L, DNS 10.0.1.1, the split network 10.0.0.0/8, ping through the
 * userspace ESP tunnel, CHILD_SA and IKE SA rekeys from both ends, dead peer detection, operator clear, and
 * the lease back in the pool after disconnect; then an EAP method hot deploy (hotswap-eap.sh). Needs root and
 * strongSwan (./flexgate test installs it); skipped with the reason otherwise.
 */
public class StrongSwanInteropIT {

    /** The script bounds each step itself; this only stops a runaway. */
    private static final long TIMEOUT_SECONDS = 600;

    @Test
    public void strongSwanClientConnectsPingsAndDisconnects() throws Exception {
        String out = runScript("flexgate-interop.sh", "interop", "all");
        assertTrue(out, out.contains("connected mschapv2") && out.contains("connected gtc"));
        assertTrue(out, out.contains("through the tunnel: 3 received"));
        assertTrue("lease released after disconnect:\n" + out, out.matches("(?s).*ACP00L \\| 192\\.168\\.10\\.5 \\| "
                + "192\\.168\\.10\\.10 \\|\\s+6 \\|\\s+0.*"));
    }

    /** Issue 5: an EAP method bundle removed and dropped back into deploy/ under live traffic. */
    @Test
    public void eapMethodHotDeploy() throws Exception {
        String out = runScript("hotswap-eap.sh", "hotswap");
        assertTrue(out, out.contains("GTC-only session refused"));
        assertTrue(out, out.contains("GTC session up after the hot deploy, no restart"));
    }

    /**
     * Runs an interop script with the distribution under test, in namespaces and a runtime directory of its
     * own, and returns its output; fails when it fails or overruns.
     */
    private static String runScript(String name, String run, String... args) throws Exception {
        assumeTrue("needs root for network namespaces", isRoot());
        assumeTrue("needs strongSwan (apt-get install strongswan-charon strongswan-swanctl)",
                new File("/usr/lib/ipsec/charon").canExecute() && onPath("swanctl"));
        Path top = Path.of(System.getProperty("flexgate.top", ".."));
        Path script = top.resolve("itests/interop").resolve(name);
        Path log = Path.of("target", run + ".log");
        Files.createDirectories(log.getParent());
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", script.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FG_DIST", System.getProperty("flexgate.distribution"));
        pb.environment().put("FG_RUN", Path.of("target", run).toAbsolutePath().toString());
        pb.environment().put("FG_NS", "fgit-" + run.substring(0, Math.min(3, run.length())));
        Process p = pb.start();
        boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            ProcessBuilder down = new ProcessBuilder("bash", top.resolve("itests/interop/flexgate-interop.sh").toString(),
                    "down");
            down.environment().putAll(pb.environment());
            down.start().waitFor(60, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue(name + " finished within " + TIMEOUT_SECONDS + " s:\n" + out, finished);
        assertEquals(name + " exit code:\n" + out, 0, p.exitValue());
        return out;
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return p.waitFor(10, TimeUnit.SECONDS) && "0".equals(uid);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
