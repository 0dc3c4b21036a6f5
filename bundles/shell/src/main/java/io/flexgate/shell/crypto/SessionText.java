package io.flexgate.shell.crypto;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionInfo.ChildSaInfo;
import io.flexgate.api.session.SessionInfo.IkeSaInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines of {@code show crypto ikev2 sa detailed}, {@code show crypto session [detail]} and {@code show
 * crypto ipsec sa}, in the seed's field names and order, apart from the console so they can be tested. Only
 * facts the session holds are printed: IOS fields FlexGate has no value for (CE id, request queues) are left
 * out rather than invented.
 */
final class SessionText {

    /** The legend {@code show crypto session detail} starts with. */
    static final List<String> SESSION_LEGEND = List.of("Crypto session current status", "",
            "Code: C - IKE Configuration mode, D - Dead Peer Detection",
            "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation",
            "X - IKE Extended Authentication, F - IKE Fragmentation",
            "R - IKE Auto Reconnect, U - IKE Dynamic Route Update", "S - SIP VPN", "");

    private SessionText() {
    }

    /** One row of {@code show crypto ikev2 sa}: Tunnel-id, Local, Remote, fvrf/ivrf, Status. */
    record IkeSaRow(long tunnelId, String local, String remote, String vrf, String status) {
    }

    static IkeSaRow ikeSaRow(SessionInfo s) {
        return new IkeSaRow(s.tunnelId(), endpoint(s.local()), endpoint(s.remote()), "none/none", s.status().name());
    }

    /** The indented lines {@code detailed} adds under a row. */
    static List<String> ikeSaDetail(SessionInfo s, Instant now) {
        IkeSaInfo ike = s.ike();
        long[] ids = ike.nextMessageIds();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Encr: %s, keysize: %d, PRF: %s, Hash: %s, DH Grp:%d, Auth sign: %s, Auth verify: %s",
                ike.encryption(), ike.keySize(), ike.prf(), ike.integrity(), ike.dhGroup(), ike.authSign(),
                ike.authVerify()));
        lines.add("Life/Active Time: " + ike.lifetime().toSeconds() + "/" + age(s, now).toSeconds() + " sec");
        lines.add("Session-id: " + s.sessionId());
        lines.add("Status Description: " + statusDescription(s.status()));
        long localSpi = ike.initiatedByUs() ? ike.initiatorSpi() : ike.responderSpi();
        long remoteSpi = ike.initiatedByUs() ? ike.responderSpi() : ike.initiatorSpi();
        lines.add(String.format("Local spi: %016X       Remote spi: %016X", localSpi, remoteSpi));
        lines.add("Local id: " + s.localId());
        lines.add("Remote id: " + s.remoteId());
        s.eapIdentity().ifPresent(id -> lines.add("Remote EAP id: " + id));
        lines.add(String.format("Local next msg id: %-10d Remote next msg id: %d", ids[0], ids[1]));
        lines.add(ike.dpdInterval().isZero() ? "DPD not configured."
                : "DPD configured for " + ike.dpdInterval().toSeconds() + " seconds");
        lines.add(ike.fragmentation() ? "IKEv2 Fragmentation negotiated." : "Fragmentation not configured.");
        lines.add("Dynamic Route Update: disabled");
        lines.add("Extended Authentication not configured.");
        lines.add((ike.natDetectedInside() ? "NAT-T is detected inside" : ike.natDetectedOutside() ? "NAT-T is detected outside" : "NAT-T is not detected") + (ike.encapsulationForced() ? ", UDP encapsulation forced by configuration" : ""));
        lines.add("Cisco Trust Security SGT is disabled");
        s.assignedAddress().ifPresent(a -> lines.add("Assigned host addr: " + a.getHostAddress()));
        lines.add("Initiator of SA : " + (ike.initiatedByUs() ? "Yes" : "No"));
        return lines;
    }

    /**
     * The block of one session in {@code show crypto session [detail]}.
     *
     * @param childLifetime the IPsec profile's lifetime, for the remaining {@code life (KB/Sec)}; empty leaves
     *                      that field out
     */
    static List<String> session(SessionInfo s, boolean detail, Instant now, Optional<ChildSaSpec.Lifetime> childLifetime) {
        List<String> lines = new ArrayList<>();
        lines.add("Interface: " + s.virtualAccess());
        lines.add("Profile: " + s.profile());
        if (detail) {
            lines.add("Uptime: " + clock(age(s, now)));
        }
        lines.add("Session status: " + sessionStatus(s));
        String peer = "Peer: " + s.remote().getAddress().getHostAddress() + " port " + s.remote().getPort();
        lines.add(detail ? peer + " fvrf: (none) ivrf: (none)" : peer);
        if (detail) {
            lines.add("      Phase1_id: " + s.remoteId());
            lines.add("      Desc: (none)");
        }
        lines.add("  Session ID: " + s.sessionId());
        lines.add("  IKEv2 SA: local " + endpoint(s.local()) + " remote " + endpoint(s.remote()) + " "
                + (s.status() == SessionInfo.Status.READY || s.status() == SessionInfo.Status.REKEYING
                        ? "Active" : "Inactive"));
        if (detail) {
            Duration left = s.ike().lifetime().minus(age(s, now));
            lines.add("          Capabilities:" + capabilities(s) + " connid:" + s.tunnelId() + " lifetime:"
                    + clock(left.isNegative() ? Duration.ZERO : left));
        }
        for (ChildSaInfo child : s.children()) {
            for (String flow : flows(child)) {
                lines.add("  IPSEC FLOW: " + flow);
            }
        }
        if (!s.children().isEmpty()) {
            lines.add("        Active SAs: " + 2 * s.children().size() + ", origin: crypto map");
        }
        if (detail) {
            for (ChildSaInfo child : s.children()) {
                ChildSaCounters c = child.counters();
                String life = childLifetime.map(l -> life(l, child, now)).orElse("");
                lines.add("        Inbound:  #pkts dec'ed " + c.packetsDecrypted() + " drop " + inboundDrops(c) + life);
                lines.add("        Outbound: #pkts enc'ed " + c.packetsEncrypted() + " drop " + c.dropsOutbound()
                        + childLifetime.map(l -> life(l, child, now, c.bytesEncrypted())).orElse(""));
            }
        }
        return lines;
    }

    /** The block of one session in {@code show crypto ipsec sa}. */
    static List<String> ipsecSa(SessionInfo s) {
        List<String> lines = new ArrayList<>();
        String local = s.local().getAddress().getHostAddress();
        String remote = s.remote().getAddress().getHostAddress();
        lines.add("interface: " + s.virtualAccess());
        lines.add("    Crypto map tag: " + s.virtualAccess() + "-head-0, local addr " + local);
        lines.add("");
        lines.add("   protected vrf: (none)");
        boolean encapsulated = s.ike().natTraversal() || s.remote().getPort() != 500;
        for (ChildSaInfo child : s.children()) {
            ChildSaCounters c = child.counters();
            for (IpPrefix l : child.localSelectors()) {
                lines.add("   local  ident (addr/mask/prot/port): (" + addressMask(l) + "/0/0)");
            }
            for (IpPrefix r : child.remoteSelectors()) {
                lines.add("   remote ident (addr/mask/prot/port): (" + addressMask(r) + "/0/0)");
            }
            lines.add("   current_peer " + remote + " port " + s.remote().getPort());
            lines.add("     PERMIT, flags={origin_is_acl,}");
            lines.add("    #pkts encaps: " + c.packetsEncrypted() + ", #pkts encrypt: " + c.packetsEncrypted()
                    + ", #pkts digest: " + c.packetsEncrypted());
            lines.add("    #pkts decaps: " + c.packetsDecrypted() + ", #pkts decrypt: " + c.packetsDecrypted()
                    + ", #pkts verify: " + c.packetsDecrypted());
            lines.add("    #send errors " + c.dropsOutbound() + ", #recv errors " + inboundDrops(c));
            lines.add("    #pkts replay failed: " + c.dropsReplay() + ", #pkts auth failed: " + c.dropsIntegrity()
                    + ", #pkts malformed: " + c.dropsMalformed());
            lines.add("");
            lines.add("     local crypto endpt.: " + local + ", remote crypto endpt.: " + remote);
            lines.add("     current outbound spi: " + spi(child.outboundSpi()));
            lines.add("");
            lines.add("     inbound esp sas:");
            lines.addAll(espSa(child.inboundSpi(), child.transform(), encapsulated));
            lines.add("");
            lines.add("     outbound esp sas:");
            lines.addAll(espSa(child.outboundSpi(), child.transform(), encapsulated));
            lines.add("");
        }
        return lines;
    }

    /**
     * {@code show derived-config interface virtual-access N}: the virtual template's lines with the session's
     * tunnel endpoints.
     */
    static List<String> derivedConfig(SessionInfo s, VirtualTemplate template) {
        List<String> body = new ArrayList<>();
        body.add("!");
        body.add("interface " + s.virtualAccess());
        template.unnumbered().ifPresent(u -> body.add(" ip unnumbered " + u));
        template.mtu().ifPresent(m -> body.add(" ip mtu " + m));
        template.nat().ifPresent(n -> body.add(" ip nat " + n));
        body.add(" tunnel source " + s.local().getAddress().getHostAddress());
        body.add(" tunnel mode ipsec ipv4");
        body.add(" tunnel destination " + s.remote().getAddress().getHostAddress());
        template.ipsecProfile().ifPresent(p -> body.add(" tunnel protection ipsec profile " + p));
        body.add(" no tunnel protection ipsec initiate");
        body.add("end");
        int bytes = body.stream().mapToInt(l -> l.length() + 1).sum();
        List<String> lines = new ArrayList<>();
        lines.add("Building configuration...");
        lines.add("");
        lines.add("Derived configuration : " + bytes + " bytes");
        lines.addAll(body);
        return lines;
    }

    /** The lines of a virtual template that a virtual-access interface inherits. */
    record VirtualTemplate(String name, Optional<String> unnumbered, Optional<Integer> mtu, Optional<String> nat,
            Optional<String> ipsecProfile) {
    }

    /** IOS session states: UP-ACTIVE with SAs installed, UP-IDLE without, DOWN-NEGOTIATING before, DOWN after. */
    static String sessionStatus(SessionInfo s) {
        return switch (s.status()) {
            case NEGOTIATING -> "DOWN-NEGOTIATING";
            case READY, REKEYING -> s.children().isEmpty() ? "UP-IDLE" : "UP-ACTIVE";
            case DELETING -> "DOWN";
        };
    }

    static String statusDescription(SessionInfo.Status status) {
        return switch (status) {
            case NEGOTIATING -> "Negotiation in progress";
            case READY -> "Negotiation done";
            case REKEYING -> "Rekey in progress";
            case DELETING -> "Deleting";
        };
    }

    /** The capability letters of the legend that apply: C, D, N, F. */
    static String capabilities(SessionInfo s) {
        StringBuilder out = new StringBuilder();
        if (s.assignedAddress().isPresent()) {
            out.append('C');
        }
        if (!s.ike().dpdInterval().isZero()) {
            out.append('D');
        }
        if (s.ike().natTraversal()) {
            out.append('N');
        }
        if (s.ike().fragmentation()) {
            out.append('F');
        }
        return out.toString();
    }

    /** {@code permit ip 0.0.0.0/0.0.0.0 host 192.168.10.8}: one flow per local and remote selector. */
    static List<String> flows(ChildSaInfo child) {
        List<String> flows = new ArrayList<>();
        for (IpPrefix l : child.localSelectors()) {
            for (IpPrefix r : child.remoteSelectors()) {
                flows.add("permit ip " + flowSide(l) + " " + flowSide(r));
            }
        }
        return flows;
    }

    /** {@code hh:mm:ss}, hours growing past 24 as IOS's uptime does. */
    static String clock(Duration d) {
        long seconds = d.toSeconds();
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    static String endpoint(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + "/" + address.getPort();
    }

    private static Duration age(SessionInfo s, Instant now) {
        Duration d = Duration.between(s.established(), now);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static long inboundDrops(ChildSaCounters c) {
        return c.dropsReplay() + c.dropsIntegrity() + c.dropsMalformed();
    }

    private static String life(ChildSaSpec.Lifetime l, ChildSaInfo child, Instant now) {
        return life(l, child, now, child.counters().bytesDecrypted());
    }

    /** {@code life (KB/Sec) 4607990/2705}: what is left of the hard limits. */
    private static String life(ChildSaSpec.Lifetime l, ChildSaInfo child, Instant now, long bytes) {
        long kbLeft = Math.max(0, l.hardKilobytes() - bytes / 1024);
        long secondsLeft = Math.max(0, l.hardSeconds() - Duration.between(child.established(), now).toSeconds());
        return " life (KB/Sec) " + kbLeft + "/" + secondsLeft;
    }

    private static List<String> espSa(int spi, String transform, boolean encapsulated) {
        return List.of("      spi: " + spi(spi), "        transform: " + transform + " ,",
                "        in use settings ={Tunnel" + (encapsulated ? " UDP-Encaps" : "") + ", }");
    }

    /** {@code 0x3A1B2C4D(974859341)}: hex, then the unsigned decimal IOS prints beside it. */
    static String spi(int spi) {
        return String.format(Locale.ROOT, "0x%08X(%d)", spi, Integer.toUnsignedLong(spi));
    }

    private static String flowSide(IpPrefix p) {
        int full = p.network().getAddress().length * 8;
        if (p.length() == full) {
            return "host " + p.network().getHostAddress();
        }
        return p.network().getHostAddress() + "/" + mask(p);
    }

    private static String addressMask(IpPrefix p) {
        return p.network().getHostAddress() + "/" + mask(p);
    }

    /** The dotted mask IOS prints for IPv4; the prefix length for IPv6. */
    private static String mask(IpPrefix p) {
        return p.isIpv4() ? p.netmask().getHostAddress() : Integer.toString(p.length());
    }
}
