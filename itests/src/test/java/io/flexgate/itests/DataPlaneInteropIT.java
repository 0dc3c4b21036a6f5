package io.flexgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Issue 8 end to end (itests/interop/dataplane-e2e.sh): the built distribution in network namespaces with a
 * strongSwan client (userspace ESP in UDP 4500), a corporate host behind the headend and an internet host on its
 * outside segment. Ping and iperf3 TCP both ways to the corporate host through the tunnel; ESP packets the
 * client sent, sent again on the wire, count as replays, one with a flipped ciphertext bit as an ICV failure, and
 * the tunnel still works; NAT overload out of the outside interface in FlexGate's own nftables table, removed
 * with its configuration. Needs root, strongSwan, iperf3, nftables and python3; skipped with the reason
 * otherwise. The script's EXIT trap deletes its namespaces; after a forced stop this class runs its
 * {@code down}.
 */
public class DataPlaneInteropIT {

    /** The script bounds each step itself (boot 120 s at most, each wait 30 s); this only stops a runaway. */
    private static final long TIMEOUT_SECONDS = 300;
    private static final String SCRIPT = "itests/interop/dataplane-e2e.sh";
    private static final String RUN = "dataplane";
    private static final Pattern IPERF = Pattern.compile("iperf3 TCP \\d+s (.*?): ([0-9.]+) Mbit/s, (\\d+) bytes received");

    @Test
    public void pingIperfReplayBitFlipAndNatOverload() throws Exception {
        String out = runScript();

        assertTrue(out, out.contains("corporate: ping 10.0.1.10 through the tunnel: 3 received"));
        Matcher iperf = IPERF.matcher(out);
        int directions = 0;
        while (iperf.find()) {
            directions++;
            assertTrue("iperf3 " + iperf.group(1) + " moved no bytes:\n" + out, Long.parseLong(iperf.group(3)) > 0);
        }
        assertEquals("iperf3 runs (one each way):\n" + out, 2, directions);

        for (String transform : List.of("AES_CBC-256/HMAC_SHA2_256_128", "AES_GCM_16-128")) {
            String wire = "wire ESP:" + transform + ": ";
            assertTrue(out, out.contains(wire + "FlexGate counted #pkts replay failed +3 (sent 3), #pkts auth failed +1 (sent 1)"));
            assertTrue(out, out.contains(wire + "held packet decrypted once (#pkts decaps +1), its copy counted as a replay (+1)"));
            assertTrue(out, out.contains(wire + "after replay and flip: ping 10.0.1.10 through the tunnel: 3 received"));
        }

        assertTrue(out, out.contains("and could not answer"));
        assertTrue(out, out.contains("203.0.113.10 saw 198.18.0.1 and answered through the tunnel"));
        assertTrue(out, out.contains("table inet flexgate removed, inet fgdptest untouched, a new flow untranslated"));
        assertTrue(out, out.contains("dataplane done"));
    }

    /** Runs the script in namespaces and a runtime directory of its own; fails when it fails or overruns. */
    private static String runScript() throws Exception {
        assumeTrue("needs root for network namespaces", InteropScript.isRoot());
        assumeTrue("needs strongSwan (apt-get install strongswan-charon strongswan-swanctl)",
                InteropScript.strongSwanInstalled());
        for (String tool : List.of("iperf3", "nft", "python3", "ip")) {
            assumeTrue("needs " + tool + " (./flexgate test installs iperf3, nftables, iproute2)",
                    InteropScript.onPath(tool));
        }
        return new InteropScript(SCRIPT, RUN, "fgit-dp").run(TIMEOUT_SECONDS);
    }
}
