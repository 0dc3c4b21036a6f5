package io.flexgate.aaa.radius.accounting;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.session.SessionInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Session snapshots for accounting tests. */
public final class Sessions {

    private Sessions() {
    }

    /** A session of {@code user} from 198.18.0.2:4500 with inner address {@code inner} and two CHILD_SAs. */
    public static SessionInfo session(long id, String user, String inner, Instant established,
            ChildSaCounters first, ChildSaCounters second) {
        try {
            SessionInfo.IkeSaInfo ike = new SessionInfo.IkeSaInfo(0x1111L, 0x2222L, "AES-GCM", 256, "SHA256", "None",
                    19, "RSA", "EAP", Duration.ofHours(24), true, true, false, new long[] {0, 2}, Duration.ZERO);
            List<SessionInfo.ChildSaInfo> children = List.of(
                    new SessionInfo.ChildSaInfo(1, 2, "esp-gcm 256", List.of(IpPrefix.parse("0.0.0.0/0")),
                            List.of(IpPrefix.parse(inner + "/32")), first, established),
                    new SessionInfo.ChildSaInfo(3, 4, "esp-gcm 256", List.of(IpPrefix.parse("0.0.0.0/0")),
                            List.of(IpPrefix.parse(inner + "/32")), second, established));
            return new SessionInfo(id, id, "Virtual-Access" + id, "AnyConnect-EAP", SessionInfo.Status.READY,
                    new InetSocketAddress(InetAddress.getByName("198.18.0.1"), 4500),
                    new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 4500), "vpn.test", "client",
                    Optional.of(user), user, Optional.of(InetAddress.getByName(inner)), ike, children, established);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ChildSaCounters counters(long packetsOut, long packetsIn, long octetsOut, long octetsIn) {
        return new ChildSaCounters(packetsOut, packetsIn, octetsOut, octetsIn, 0, 0, 0, 0);
    }
}
