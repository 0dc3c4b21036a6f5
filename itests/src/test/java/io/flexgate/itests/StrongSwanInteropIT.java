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
 * namespaces (itests/interop/flexgate-interop.sh): EAP-MSCHAPv2 and EAP-GTC with user test, an address from
 * ACP00L, DNS 10.0.1.1, the split network 10.0.0.0/8, ping through the userspace ESP tunnel, and the lease
 * back in the pool after disconnect. Needs root and strongSwan (./flexgate test installs it); skipped with
 * the reason otherwise.
 */
public class StrongSwanInteropIT {

    /** The script bounds each step itself; this only stops a runaway. */
    private static final long TIMEOUT_SECONDS = 600;

    @Test
    public void strongSwanClientConnectsPingsAndDisconnects() throws Exception {
        assumeTrue("needs root for network namespaces", isRoot());
        assumeTrue("needs strongSwan (apt-get install strongswan-charon strongswan-swanctl)",
                new File("/usr/lib/ipsec/charon").canExecute() && onPath("swanctl"));
        Path top = Path.of(System.getProperty("flexgate.top", ".."));
        Path script = top.resolve("itests/interop/flexgate-interop.sh");
        Path log = Path.of("target", "interop.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "all")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FG_DIST", System.getProperty("flexgate.distribution"));
        pb.environment().put("FG_RUN", Path.of("target", "interop").toAbsolutePath().toString());
        Process p = pb.start();
        boolean finished = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            new ProcessBuilder("bash", script.toString(), "down").start().waitFor(60, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue("interop run finished within " + TIMEOUT_SECONDS + " s:\n" + out, finished);
        assertEquals("interop script exit code:\n" + out, 0, p.exitValue());
        assertTrue(out, out.contains("connected mschapv2") && out.contains("connected gtc"));
        assertTrue(out, out.contains("through the tunnel: 3 received"));
        assertTrue("lease released after disconnect:\n" + out, out.matches("(?s).*ACP00L \\| 192\\.168\\.10\\.5 \\| "
                + "192\\.168\\.10\\.10 \\|\\s+6 \\|\\s+0.*"));
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
