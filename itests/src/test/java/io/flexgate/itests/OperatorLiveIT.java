package io.flexgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * Every operator command against a live session (issue 9): the shipped distribution and a real strongSwan
 * client in network namespaces (itests/interop/flexgate-interop.sh up / connect / ping / console / down), and
 * each command's fields checked against the session as strongSwan sees it (its SPIs, proposal, virtual IP and
 * packet counters) and against the shipped configuration. Also the packet trace: {@code crypto:debug ikev2
 * packet} puts one line per IKE message in karaf.log, {@code crypto:undebug} stops them. Needs root and
 * strongSwan; skipped with the reason otherwise. Always takes its namespaces down.
 */
public class OperatorLiveIT {

    /** Bounds one script step (the boot is bounded by the script itself); only a runaway reaches it. */
    private static final long STEP_TIMEOUT_SECONDS = 150;
    /** How long the client's SAs may take to go after the operator's clear. */
    private static final long CLEAR_SECONDS = 15;
    private static final String NS = "fgit-op";
    private static final String CLIENT = "198.18.0.2";
    private static final String GATEWAY = "198.18.0.1";
    /** The connection of the script's swanctl.conf used here: user test, EAP-MSCHAPv2. */
    private static final String CONNECTION = "mschapv2";
    /** Who the client is and where the shipped etc/ puts it: identity "test" matches only "match identity remote any". */
    private static final String PROFILE = "Standard-EAP";
    private static final String MARK = "@@@ ";
    private static final Pattern PACKET_LINE = Pattern.compile("IKEv2:.*(Received|Sending) Packet \\[.*");

    private final Path top = Path.of(System.getProperty("flexgate.top", ".."));
    private final Path run = Path.of("target", "operator-live").toAbsolutePath();

    @Test
    public void everyOperatorCommandShowsTheLiveSession() throws Exception {
        assumeTrue("needs root for network namespaces", "root".equals(System.getProperty("user.name")));
        assumeTrue("needs strongSwan (apt-get install strongswan-charon strongswan-swanctl)",
                new File("/usr/lib/ipsec/charon").canExecute() && new File("/usr/sbin/swanctl").canExecute());
        long t0 = System.nanoTime();
        try {
            script("up");
            Path karafLog = run.resolve("karaf/data/log/karaf.log");
            assertEquals("no packet trace before crypto:debug", 0, packetLines(karafLog).size());
            String on = console("crypto:debug ikev2 packet");
            assertTrue(on, on.contains("io.flexgate.ikev2.packet DEBUG"));

            script("connect", CONNECTION);
            script("ping");
            StrongSwanView client = StrongSwanView.read(run, CONNECTION);
            Map<String, String> out = consoleEach("crypto:ikev2-sa --no-format", "crypto:ikev2-sa --detailed --no-format",
                    "crypto:session --no-format", "crypto:session --detail --no-format", "crypto:ipsec-sa --no-format",
                    "crypto:derived-config Virtual-Access1", "ip:local-pool --no-format ACP00L");

            checkIkeSa(out.get("crypto:ikev2-sa --no-format"), client);
            checkIkeSaDetailed(out.get("crypto:ikev2-sa --detailed --no-format"), client);
            checkSession(out.get("crypto:session --no-format"), client);
            checkSessionDetail(out.get("crypto:session --detail --no-format"), client);
            checkIpsecSa(out.get("crypto:ipsec-sa --no-format"), client);
            checkDerivedConfig(out.get("crypto:derived-config Virtual-Access1"));
            checkPoolInUse(out.get("ip:local-pool --no-format ACP00L"), client);
            checkPacketTrace(packetLines(karafLog), client);

            String off = console("crypto:undebug");
            assertTrue(off, off.contains("All possible debugging has been turned off"));
            int tracedBeforeClear = packetLines(karafLog).size();

            String cleared = console("crypto:clear-session --peer " + CLIENT);
            assertTrue(cleared, cleared.contains("1 session cleared"));
            awaitClientGone(client);
            Map<String, String> after = consoleEach("crypto:session --no-format", "ip:local-pool --no-format");
            assertFalse("session gone:\n" + after, after.get("crypto:session --no-format").contains("Interface:"));
            assertTrue("lease back in ACP00L:\n" + after, poolRow(after.get("ip:local-pool --no-format"), 6, 0));
            String log = Files.readString(karafLog, StandardCharsets.UTF_8);
            assertTrue("the DELETE was sent (INFO line)", log.contains("Sending INFORMATIONAL request"));
            assertEquals("packet trace lines after crypto:undebug", tracedBeforeClear, packetLines(karafLog).size());
        } finally {
            script("down");
            System.out.printf(Locale.ROOT, "OperatorLiveIT took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** {@code show crypto ikev2 sa}: one row, both ends as strongSwan has them, READY. */
    private static void checkIkeSa(String out, StrongSwanView c) {
        assertTrue(out, out.contains("1\t" + GATEWAY + "/" + c.remotePort + "\t" + CLIENT + "/" + c.localPort
                + "\tnone/none\tREADY"));
    }

    private static void checkIkeSaDetailed(String out, StrongSwanView c) {
        assertTrue(out, out.contains("1\t" + GATEWAY + "/" + c.remotePort + "\t" + CLIENT + "/" + c.localPort
                + "\tnone/none\tREADY"));
        assertTrue("proposal " + c.proposal + " in:\n" + out, out.contains(String.format(Locale.ROOT,
                "Encr: %s, keysize: %d, PRF: %s, Hash: %s, DH Grp:%d,", c.encryption(), c.keySize(), c.prf(), c.hash(),
                c.dhGroup())));
        // FlexGate is the responder: its SPI is strongSwan's _r, the remote one strongSwan's _i.
        assertTrue(out, out.contains("Local spi: " + c.responderSpi.toUpperCase(Locale.ROOT) + "       Remote spi: "
                + c.initiatorSpi.toUpperCase(Locale.ROOT)));
        assertTrue(out, out.contains("Status Description: Negotiation done"));
        assertTrue(out, out.contains("Remote id: test"));
        assertTrue(out, out.contains("Remote EAP id: test"));
        assertTrue(out, out.contains("Assigned host addr: " + c.virtualIp));
        assertTrue(out, out.contains("Initiator of SA : No"));
    }

    private static void checkSession(String out, StrongSwanView c) {
        for (String line : List.of("Interface: Virtual-Access1", "Profile: " + PROFILE, "Session status: UP-ACTIVE",
                "Peer: " + CLIENT + " port " + c.localPort, "IKEv2 SA: local " + GATEWAY + "/" + c.remotePort
                        + " remote " + CLIENT + "/" + c.localPort + " Active",
                "IPSEC FLOW: permit ip 10.0.0.0/255.0.0.0 host " + c.virtualIp, "Active SAs: 2")) {
            assertTrue(line + " in:\n" + out, out.contains(line));
        }
        assertFalse("--no-format: no legend\n" + out, out.contains("Crypto session current status"));
    }

    /** The counters against strongSwan's: what it sent FlexGate decrypted, and the other way round. */
    private static void checkSessionDetail(String out, StrongSwanView c) {
        assertTrue(out, out.contains("Phase1_id: test"));
        assertTrue("ping went through, strongSwan counted " + c.packetsOut + " out / " + c.packetsIn + " in",
                c.packetsOut >= 3 && c.packetsIn >= 3);
        assertTrue(out, out.contains("Inbound:  #pkts dec'ed " + c.packetsOut + " drop 0"));
        assertTrue(out, out.contains("Outbound: #pkts enc'ed " + c.packetsIn + " drop 0"));
    }

    private static void checkIpsecSa(String out, StrongSwanView c) {
        assertTrue(out, out.contains("interface: Virtual-Access1"));
        assertTrue(out, out.contains("current_peer " + CLIENT + " port " + c.localPort));
        // FlexGate's outbound SPI is strongSwan's inbound one, and the other way round.
        assertTrue(out, out.contains("current outbound spi: 0x" + c.childSpiIn.toUpperCase(Locale.ROOT) + "("));
        assertTrue(out, out.matches("(?s).*inbound esp sas:\\s+spi: 0x" + c.childSpiOut.toUpperCase(Locale.ROOT)
                + "\\(.*"));
        assertTrue(out, out.contains("#pkts decaps: " + c.packetsOut));
        assertTrue(out, out.contains("UDP-Encaps"));
    }

    /** {@code show derived-config}: Virtual-Template100 of the shipped etc/ with this session's tunnel ends. */
    private static void checkDerivedConfig(String out) {
        List<String> lines = out.lines().map(String::stripTrailing).toList();
        List<String> body = lines.subList(lines.indexOf("!"), lines.indexOf("end") + 1);
        assertEquals(out, List.of("!", "interface Virtual-Access1", " ip unnumbered Loopback100", " ip mtu 1400",
                " ip nat inside", " tunnel source " + GATEWAY, " tunnel mode ipsec ipv4", " tunnel destination " + CLIENT,
                " tunnel protection ipsec profile AnyConnect-EAP", " no tunnel protection ipsec initiate", "end"), body);
        assertTrue("the byte count is the body's:\n" + out, lines.contains("Derived configuration : "
                + body.stream().mapToInt(l -> l.length() + 1).sum() + " bytes"));
    }

    /** {@code show ip local pool ACP00L}: one address of six in use, by user test, the client's address. */
    private static void checkPoolInUse(String out, StrongSwanView c) {
        assertTrue(out, poolRow(out, 5, 1));
        assertTrue(out, out.matches("(?s).*Inuse addresses:\\s+\\Q" + c.virtualIp + "\\E\ttest\t\\s*\\d+\t.*"));
    }

    /** The ACP00L row of {@code ip:local-pool --no-format} (numbers right-aligned, so padded). */
    private static boolean poolRow(String out, int free, int inUse) {
        return out.matches("(?s).*ACP00L\t192\\.168\\.10\\.5\t192\\.168\\.10\\.10\t\\s*" + free + "\t\\s*" + inUse
                + "\\s.*");
    }

    /**
     * One line per IKE message: IKE_SA_INIT in and out before the SA has a session ID, then the IKE_AUTH
     * round trips under (SESSION ID = 1,SA ID = 1), each with the SPIs strongSwan uses, and never a secret.
     */
    private static void checkPacketTrace(List<String> lines, StrongSwanView c) {
        String all = String.join("\n", lines);
        String spis = "Initiator SPI : " + c.initiatorSpi.toUpperCase(Locale.ROOT) + " - Responder SPI : ";
        assertTrue(all, all.contains("IKEv2:Received Packet [From " + CLIENT + ":500/To " + GATEWAY + ":500] " + spis
                + "0000000000000000 Message id: 0 IKEv2 IKE_SA_INIT Exchange REQUEST, flags I, Payload contents: SA KE"
                + " No("));
        assertTrue(all, all.contains("Sending Packet [To " + CLIENT + ":500/From " + GATEWAY + ":500] " + spis
                + c.responderSpi.toUpperCase(Locale.ROOT) + " Message id: 0 IKEv2 IKE_SA_INIT Exchange RESPONSE, flags R"));
        assertTrue(all, all.matches("(?s).*IKEv2:\\(SESSION ID = \\d+,SA ID = \\d+\\):Received Packet \\[From "
                + Pattern.quote(CLIENT + ":" + c.localPort) + ".* Message id: 1 IKEv2 IKE_AUTH Exchange REQUEST, flags I, "
                + "Payload contents: IDi .*"));
        assertTrue(all, all.contains("Exchange RESPONSE, flags R, Payload contents: EAP/SUCC"));
        assertTrue(all, all.matches("(?s).*Exchange RESPONSE, flags R, Payload contents: AUTH CPRP\\(.*"));
        long authLines = lines.stream().filter(l -> l.contains("IKE_AUTH Exchange")).count();
        assertTrue("IKE_AUTH requests and responses traced (EAP round trips): " + authLines + "\n" + all,
                authLines >= 8 && authLines % 2 == 0);
        assertFalse("no password in the trace", all.contains("cisco123"));
    }

    private void awaitClientGone(StrongSwanView c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLEAR_SECONDS);
        while (StrongSwanView.listSas(run, CONNECTION).contains("ESTABLISHED")) {
            if (System.nanoTime() > deadline) {
                fail("strongSwan still holds " + c.initiatorSpi + " " + CLEAR_SECONDS + " s after crypto:clear-session");
            }
            Thread.sleep(250); // poll interval of a bounded wait on strongSwan's state
        }
    }

    private static List<String> packetLines(Path karafLog) throws IOException {
        if (!Files.exists(karafLog)) {
            return List.of();
        }
        return Files.readAllLines(karafLog, StandardCharsets.UTF_8).stream()
                .filter(l -> PACKET_LINE.matcher(l).find()).toList();
    }

    /**
     * Runs several commands in one console session (one client start instead of one each) and returns each
     * command's output, keyed by the command.
     */
    private Map<String, String> consoleEach(String... commands) throws Exception {
        StringBuilder line = new StringBuilder();
        for (String c : commands) {
            line.append("echo '").append(MARK).append(c).append("'; ").append(c).append("; ");
        }
        String out = console(line.toString());
        Map<String, String> each = new LinkedHashMap<>();
        String[] parts = out.split(Pattern.quote(MARK));
        for (int i = 1; i < parts.length; i++) {
            int eol = parts[i].indexOf('\n');
            each.put(parts[i].substring(0, eol).strip(), parts[i].substring(eol + 1));
        }
        for (String c : commands) {
            assertTrue("no output of " + c + " in:\n" + out, each.containsKey(c));
        }
        return each;
    }

    private String console(String command) throws Exception {
        return script("console", command);
    }

    /** Runs flexgate-interop.sh with this test's namespaces and directory; fails when the step fails. */
    private String script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", top.resolve("itests/interop/flexgate-interop.sh").toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("operator-live", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FG_DIST", System.getProperty("flexgate.distribution"));
        pb.environment().put("FG_RUN", run.toString());
        pb.environment().put("FG_NS", NS);
        pb.environment().put("FG_LOCAL_REKEY", "0"); // keep the shipped IPsec lifetime: no rekey during the test
        Process p = pb.start();
        boolean finished = p.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(args[0] + " finished within " + STEP_TIMEOUT_SECONDS + " s:\n" + out, finished);
        assertEquals(String.join(" ", args) + " exit code:\n" + out, 0, p.exitValue());
        return out;
    }

    /** The client's side of the session: swanctl --list-sas and the proposal charon.log names. */
    private record StrongSwanView(String initiatorSpi, String responderSpi, int localPort, int remotePort,
            String virtualIp, String childSpiIn, String childSpiOut, long packetsIn, long packetsOut, String proposal) {

        static StrongSwanView read(Path run, String connection) throws Exception {
            String sas = listSas(run, connection);
            Matcher spis = find(sas, "ESTABLISHED, IKEv2, ([0-9a-f]{16})_i\\* ([0-9a-f]{16})_r");
            Matcher local = find(sas, "local\\s+'test' @ " + Pattern.quote(CLIENT) + "\\[(\\d+)\\] \\[([0-9.]+)\\]");
            Matcher remote = find(sas, "remote\\s+'[^']*' @ " + Pattern.quote(GATEWAY) + "\\[(\\d+)\\]");
            Matcher in = find(sas, "in\\s+([0-9a-f]{8}),\\s+\\d+ bytes,\\s+(\\d+) packets");
            Matcher out = find(sas, "out\\s+([0-9a-f]{8}),\\s+\\d+ bytes,\\s+(\\d+) packets");
            String charonLog = Files.readString(run.resolve("cli/charon.log"), StandardCharsets.UTF_8);
            Matcher proposal = find(charonLog, "selected proposal: IKE:(\\S+)");
            return new StrongSwanView(spis.group(1), spis.group(2), Integer.parseInt(local.group(1)),
                    Integer.parseInt(remote.group(1)), local.group(2), in.group(1), out.group(1),
                    Long.parseLong(in.group(2)), Long.parseLong(out.group(2)), proposal.group(1));
        }

        static String listSas(Path run, String connection) throws Exception {
            ProcessBuilder pb = new ProcessBuilder("swanctl", "--list-sas", "--ike", connection, "--uri",
                    "unix://" + run.resolve("cli/run/charon.vici")).redirectErrorStream(true);
            pb.environment().put("STRONGSWAN_CONF", run.resolve("cli/strongswan.conf").toString());
            pb.environment().put("SWANCTL_DIR", run.resolve("cli/swanctl").toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("swanctl --list-sas answered", p.waitFor(30, TimeUnit.SECONDS));
            return out;
        }

        private static Matcher find(String text, String regex) {
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find()) {
                fail("no /" + regex + "/ in:\n" + text);
            }
            return m;
        }

        /** IOS's name of strongSwan's encryption algorithm: AES_CBC_256 is AES-CBC, AES_GCM_16_128 AES-GCM. */
        String encryption() {
            return proposal.startsWith("AES_GCM") ? "AES-GCM" : proposal.startsWith("AES_CBC") ? "AES-CBC"
                    : unknown("encryption");
        }

        int keySize() {
            return Integer.parseInt(find(proposal, "^AES_(?:CBC|GCM_16)_(\\d+)").group(1));
        }

        /** PRF_HMAC_SHA2_256 is SHA256 in IOS's words. */
        String prf() {
            return "SHA" + find(proposal, "PRF_HMAC_SHA2_(\\d+)").group(1);
        }

        /** The integrity algorithm; an AEAD has none. */
        String hash() {
            Matcher m = Pattern.compile("/HMAC_SHA2_(\\d+)_\\d+").matcher(proposal);
            return m.find() ? "SHA" + m.group(1) : "None";
        }

        /** The IANA number of strongSwan's group name (RFC 3526, RFC 5903, RFC 8031). */
        int dhGroup() {
            String group = proposal.substring(proposal.lastIndexOf('/') + 1);
            return switch (group) {
                case "MODP_2048" -> 14;
                case "MODP_3072" -> 15;
                case "ECP_256" -> 19;
                case "ECP_384" -> 20;
                case "CURVE_25519" -> 31;
                default -> Integer.parseInt(unknown("DH group " + group));
            };
        }

        private String unknown(String what) {
            throw new AssertionError("the test has no IOS name for the " + what + " of " + proposal);
        }
    }
}
