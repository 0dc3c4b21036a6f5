package io.flexgate.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flexgate.api.nat.NatException;
import io.flexgate.api.nat.NatService.NatRule;
import io.flexgate.api.net.IpPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nftables for real, inside a network namespace this test creates and deletes: the root namespace's ruleset
 * is never touched. Needs root, iproute2 and nft (apt-get install nftables); skipped otherwise, except the
 * error tests that need nothing.
 */
class NftNatServiceTest {

    private static final long WAIT_SECONDS = 10;
    /** linux/capability.h: nftables needs the first, ip netns add the second. */
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;
    private static final String NAMESPACE = "fgnat" + ProcessHandle.current().pid();
    private static final NatRule SEED = new NatRule("NAT", List.of(IpPrefix.parse("192.168.10.0/24")), "eth0");

    private boolean namespaceCreated;

    @BeforeEach
    void createNamespace() throws Exception {
        if (rootWithTools()) {
            run("ip", "netns", "add", NAMESPACE);
            namespaceCreated = true;
            // Someone else's table, which FlexGate must leave alone.
            runIn("nft", "add", "table", "ip", "other");
        }
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (namespaceCreated) {
            run("ip", "netns", "del", NAMESPACE);
        }
    }

    private static boolean rootWithTools() throws IOException {
        return hasCapabilities(CAP_NET_ADMIN, CAP_SYS_ADMIN) && Files.isExecutable(Path.of("/usr/sbin/nft"))
                && Files.isExecutable(Path.of("/usr/sbin/ip"));
    }

    /** Whether this process holds the capabilities now (the CapEff mask of /proc/self/status). */
    private static boolean hasCapabilities(int... capabilities) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        long needed = 0;
        for (int c : capabilities) {
            needed |= 1L << c;
        }
        long mask = Files.readAllLines(status).stream().filter(l -> l.startsWith("CapEff:"))
                .mapToLong(l -> Long.parseUnsignedLong(l.substring("CapEff:".length()).trim(), 16)).findFirst().orElse(0);
        return (mask & needed) == needed;
    }

    private static List<String> nftInNamespace() {
        return List.of("ip", "netns", "exec", NAMESPACE, "nft");
    }

    @Test
    void activationCreatesTheTableRulesComeAndGoDeactivationRemovesIt() throws Exception {
        assumeTrue(namespaceCreated, "needs root, ip and nft");
        NftNatService nat = new NftNatService(nftInNamespace(), "flexgate");
        assertThat(nat.listTable()).contains("table inet flexgate").contains("type nat hook postrouting")
                .doesNotContain("masquerade");

        nat.apply(SEED);
        nat.apply(new NatRule("v6", List.of(IpPrefix.parse("fd00:10::/64")), "eth1"));

        String listed = nat.listTable();
        assertThat(listed).contains("ip saddr 192.168.10.0/24 oifname \"eth0\"").contains("masquerade")
                .contains("comment \"NAT\"").contains("ip6 saddr fd00:10::/64 oifname \"eth1\"");
        assertThat(nat.rules()).extracting(NatRule::name).containsExactly("NAT", "v6");

        nat.apply(new NatRule("NAT", List.of(IpPrefix.parse("192.168.20.0/24")), "eth0"));
        nat.remove("v6");
        nat.remove("v6");
        listed = nat.listTable();
        assertThat(listed).contains("192.168.20.0/24").doesNotContain("192.168.10.0/24").doesNotContain("ip6 saddr");

        nat.deactivate();
        String tables = runIn("nft", "list", "tables");
        assertThat(tables).doesNotContain("flexgate").contains("table ip other");
    }

    @Test
    void aRefusedChangeKeepsTheRulesInForce() throws Exception {
        assumeTrue(namespaceCreated, "needs root, ip and nft");
        NftNatService nat = new NftNatService(nftInNamespace(), "flexgate");
        nat.apply(SEED);
        // Take the namespace away under the service: nft (through ip netns exec) now fails.
        run("ip", "netns", "del", NAMESPACE);
        namespaceCreated = false;

        assertThatThrownBy(() -> nat.apply(new NatRule("other", SEED.sources(), "eth1")))
                .isInstanceOf(NatException.class).hasMessageContaining(NAMESPACE);

        assertThat(nat.rules()).containsExactly(SEED);
    }

    @Test
    void aMissingNftNamesThePackage() {
        assertThatThrownBy(() -> new NftNatService(List.of("/nonexistent/nft"), "flexgate"))
                .isInstanceOf(NatException.class)
                .hasMessageContaining("/nonexistent/nft").hasMessageContaining("apt-get install nftables");
    }

    @Test
    void nftsOwnMessageIsPassedOn() throws Exception {
        assumeTrue(namespaceCreated, "needs root, ip and nft");
        // A script nft itself refuses: its error text must reach the operator.
        Nft nft = new Nft(nftInNamespace());
        assertThatThrownBy(() -> nft.apply("table nosuchfamily flexgate {\n}\n"))
                .isInstanceOf(NatException.class)
                .hasMessageContaining("failed (exit 1)").hasMessageContaining("nosuchfamily");
    }

    private static String runIn(String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE));
        argv.addAll(List.of(command));
        return run(argv.toArray(String[]::new));
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), out).isZero();
        return out;
    }
}
