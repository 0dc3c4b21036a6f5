package io.flexgate.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.util.regex.Pattern;
import org.junit.Before;
import org.junit.Test;

/**
 * Issue 10: the FlexGate client (bundles/client) in network namespaces, against the built FlexGate distribution
 * (itests/interop/flexgate-client-interop.sh: AnyConnect-EAP and EAP-MSCHAPv2 as user test, ping through its ESP
 * tunnel counted by the headend, clean DELETE on SIGTERM, wrong password
 * and untrusted server with their exit codes, load from two source addresses, the client:* commands inside Karaf)
 * and against a strongSwan responder (itests/interop/client-vs-strongswan.sh: EAP-MSCHAPv2, ping through, the
 * responder's own IKE SA rekey answered). Needs root, strongSwan and the built client; skipped with the reason
 * otherwise.
 *
 * <p>The headend's CHILD_SA rekey is left out here ({@code FG_REKEY=0}: it waits a 60 s lifetime); the client's
 * answer to it is tested in process (ikev2 ChildRekeyTest, InitiatorIkeRekeyTest; client ClientTunnelTest), and
 * the script runs it when started by hand.
 */
public class ClientInteropIT {

    @Before
    public void requirements() {
        assumeTrue("needs root for network namespaces", InteropScript.isRoot());
        assumeTrue("needs strongSwan (apt-get install strongswan-charon strongswan-swanctl)",
                InteropScript.strongSwanInstalled());
        assumeTrue("needs the built client (mvn install -pl bundles/client)",
                Files.isDirectory(InteropScript.top().resolve("bundles/client/target/lib")));
    }

    @Test
    public void clientAgainstFlexGateCarriesTrafficFollowsRekeyAndFailsClearly() throws Exception {
        String out = new InteropScript("itests/interop/flexgate-client-interop.sh", "client-interop", "fgit-cl")
                .env("FG_REKEY", "0").run(420, "all");

        assertTrue(out, Pattern.compile("anyconnect: ping 10\\.0\\.1\\.1 through the tunnel: [1-3] received; FlexGate "
                + "decrypted [1-9]\\d* packets").matcher(out).find());
        assertTrue(out, out.contains("wrong password: exit 2"));
        assertTrue(out, out.contains("untrusted server certificate: exit 3"));
        assertTrue(out, out.contains("karaf client: client:connect/status/disconnect to FlexGate itself"));
        assertTrue(out, out.contains("all done"));
    }

    @Test
    public void clientAgainstStrongSwanResponder() throws Exception {
        String out = new InteropScript("itests/interop/client-vs-strongswan.sh", "client-vs-strongswan", "fgit-cs")
                .run(180, "all");

        assertTrue(out, Pattern.compile("ping 10\\.0\\.1\\.1 through the tunnel: [1-3] received; strongSwan counted "
                + "[1-9]\\d* inbound packets").matcher(out).find());
        assertTrue(out, out.contains("IKE SA rekeyed by strongSwan"));
        assertTrue(out, out.contains("disconnected: DELETE answered by strongSwan, no SA left, TUN gone"));
        assertTrue(out, out.contains("all done"));
    }
}
