package io.flexgate.shell.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionInfo.ChildSaInfo;
import io.flexgate.api.session.SessionInfo.IkeSaInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed's session (show crypto ikev2 sa detailed / show crypto session detail) as a SessionInfo fixture. */
class SessionTextTest {

    private static final Instant UP = Instant.parse("2026-11-28T12:00:00Z");
    /** 758 s after the IKE SA came up, as in the seed's {@code Life/Active Time: 86400/758 sec}. */
    private static final Instant NOW = UP.plusSeconds(758);

    static SessionInfo seedSession(SessionInfo.Status status, List<ChildSaInfo> children) throws Exception {
        IkeSaInfo ike = new IkeSaInfo(0x696FA78292A21EA5L, 0x413112E83D493428L, "AES-CBC", 256, "SHA256", "SHA256", 14,
                "RSA", "AnyConnect-EAP", Duration.ofSeconds(86400), true, false, false, new long[] {0, 31},
                Duration.ZERO);
        return new SessionInfo(8, 1, "Virtual-Access1", "AnyConnect-EAP", status,
                new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 4500),
                new InetSocketAddress(InetAddress.getByName("192.0.2.100"), 50899), "192.0.2.1",
                "*$AnyConnectClient$*", Optional.of("test"), "test",
                Optional.of(InetAddress.getByName("192.168.10.8")), ike, children, UP);
    }

    static ChildSaInfo seedChild() throws Exception {
        ChildSaCounters counters = new ChildSaCounters(2, 89, 10 * 1024, 9 * 1024, 1, 0, 0, 0);
        return new ChildSaInfo(0x1A2B3C4D, 0xCAFEF00D, "esp-256-aes esp-sha256-hmac",
                List.of(IpPrefix.parse("0.0.0.0/0")), List.of(IpPrefix.parse("192.168.10.8/32")), counters,
                UP.plusSeconds(10));
    }

    @Test
    void ikeSaRowAndDetailCarryTheSessionsValuesInTheSeedsOrder() throws Exception {
        SessionInfo s = seedSession(SessionInfo.Status.READY, List.of(seedChild()));

        SessionText.IkeSaRow row = SessionText.ikeSaRow(s);
        assertThat(row).isEqualTo(new SessionText.IkeSaRow(1, "192.0.2.1/4500", "192.0.2.100/50899", "none/none",
                "READY"));
        List<String> detail = SessionText.ikeSaDetail(s, NOW);
        assertThat(detail).containsExactly(
                "Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: RSA, "
                        + "Auth verify: AnyConnect-EAP",
                "Life/Active Time: 86400/758 sec",
                "Session-id: 8",
                "Status Description: Negotiation done",
                "Local spi: 413112E83D493428       Remote spi: 696FA78292A21EA5",
                "Local id: 192.0.2.1",
                "Remote id: *$AnyConnectClient$*",
                "Remote EAP id: test",
                "Local next msg id: 0          Remote next msg id: 31",
                "DPD not configured.",
                "Fragmentation not configured.",
                "Dynamic Route Update: disabled",
                "Extended Authentication not configured.",
                "NAT-T is detected outside",
                "Cisco Trust Security SGT is disabled",
                "Assigned host addr: 192.168.10.8",
                "Initiator of SA : No");
    }

    @Test
    void sessionDetailPrintsFlowsCountersAndRemainingLifetimes() throws Exception {
        SessionInfo s = seedSession(SessionInfo.Status.READY, List.of(seedChild()));
        // The seed's 14:54 of uptime.
        Instant now = UP.plusSeconds(14 * 60 + 54);

        List<String> lines = SessionText.session(s, true, now, Optional.of(ChildSaSpec.Lifetime.IOS_DEFAULT));

        assertThat(lines).containsExactly(
                "Interface: Virtual-Access1",
                "Profile: AnyConnect-EAP",
                "Uptime: 00:14:54",
                "Session status: UP-ACTIVE",
                "Peer: 192.0.2.100 port 50899 fvrf: (none) ivrf: (none)",
                "      Phase1_id: *$AnyConnectClient$*",
                "      Desc: (none)",
                "  Session ID: 8",
                "  IKEv2 SA: local 192.0.2.1/4500 remote 192.0.2.100/50899 Active",
                "          Capabilities:CN connid:1 lifetime:23:45:06",
                "  IPSEC FLOW: permit ip 0.0.0.0/0.0.0.0 host 192.168.10.8",
                "        Active SAs: 2, origin: crypto map",
                // 9 KB decrypted of 4,608,000; 3600 s less the 884 s since the CHILD_SA came up.
                "        Inbound:  #pkts dec'ed 89 drop 1 life (KB/Sec) 4607991/2716",
                "        Outbound: #pkts enc'ed 2 drop 0 life (KB/Sec) 4607990/2716");
    }

    @Test
    void sessionWithoutDetailOrLifetimeLeavesThoseFieldsOut() throws Exception {
        SessionInfo s = seedSession(SessionInfo.Status.READY, List.of());

        List<String> lines = SessionText.session(s, false, NOW, Optional.empty());

        assertThat(lines).containsExactly("Interface: Virtual-Access1", "Profile: AnyConnect-EAP",
                "Session status: UP-IDLE", "Peer: 192.0.2.100 port 50899", "  Session ID: 8",
                "  IKEv2 SA: local 192.0.2.1/4500 remote 192.0.2.100/50899 Active");
    }

    @Test
    void sessionStatusFollowsIosWords() throws Exception {
        assertThat(SessionText.sessionStatus(seedSession(SessionInfo.Status.NEGOTIATING, List.of())))
                .isEqualTo("DOWN-NEGOTIATING");
        assertThat(SessionText.sessionStatus(seedSession(SessionInfo.Status.REKEYING, List.of(seedChild()))))
                .isEqualTo("UP-ACTIVE");
        assertThat(SessionText.sessionStatus(seedSession(SessionInfo.Status.DELETING, List.of(seedChild()))))
                .isEqualTo("DOWN");
    }

    @Test
    void ipsecSaPrintsSelectorsCountersAndBothSpis() throws Exception {
        SessionInfo s = seedSession(SessionInfo.Status.READY, List.of(seedChild()));

        List<String> lines = SessionText.ipsecSa(s);

        assertThat(lines).contains("interface: Virtual-Access1",
                "    Crypto map tag: Virtual-Access1-head-0, local addr 192.0.2.1",
                "   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)",
                "   remote ident (addr/mask/prot/port): (192.168.10.8/255.255.255.255/0/0)",
                "   current_peer 192.0.2.100 port 50899",
                "    #pkts encaps: 2, #pkts encrypt: 2, #pkts digest: 2",
                "    #pkts decaps: 89, #pkts decrypt: 89, #pkts verify: 89",
                "    #send errors 0, #recv errors 1",
                "    #pkts replay failed: 1, #pkts auth failed: 0, #pkts malformed: 0",
                "     current outbound spi: 0xCAFEF00D(3405705229)",
                "      spi: 0x1A2B3C4D(439041101)",
                "        transform: esp-256-aes esp-sha256-hmac ,",
                "        in use settings ={Tunnel UDP-Encaps, }");
        assertThat(lines.indexOf("     inbound esp sas:")).isLessThan(lines.indexOf("     outbound esp sas:"));
    }

    @Test
    void derivedConfigMergesTheTemplateWithTheSessionsEndpoints() throws Exception {
        SessionInfo s = seedSession(SessionInfo.Status.READY, List.of(seedChild()));
        SessionText.VirtualTemplate template = new SessionText.VirtualTemplate("Virtual-Template100",
                Optional.of("Loopback100"), Optional.of(1400), Optional.of("inside"), Optional.of("AnyConnect-EAP"));

        List<String> lines = SessionText.derivedConfig(s, template);

        List<String> body = List.of("!", "interface Virtual-Access1", " ip unnumbered Loopback100", " ip mtu 1400",
                " ip nat inside", " tunnel source 192.0.2.1", " tunnel mode ipsec ipv4",
                " tunnel destination 192.0.2.100", " tunnel protection ipsec profile AnyConnect-EAP",
                " no tunnel protection ipsec initiate", "end");
        int bytes = body.stream().mapToInt(l -> l.length() + 1).sum();
        assertThat(lines.subList(0, 3)).containsExactly("Building configuration...", "",
                "Derived configuration : " + bytes + " bytes");
        assertThat(lines.subList(3, lines.size())).isEqualTo(body);
    }

    @Test
    void clockAndSpiFormats() {
        assertThat(SessionText.clock(Duration.ofSeconds(86400 - 894))).isEqualTo("23:45:06");
        assertThat(SessionText.clock(Duration.ofHours(30))).isEqualTo("30:00:00");
        assertThat(SessionText.spi(0xFFFFFFFF)).isEqualTo("0xFFFFFFFF(4294967295)");
    }
}
