package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IKE SA rekey (RFC 7296 section 2.18): the session moves to the new IKE SA, the old one keeps only its keys. */
class IkeSaHandOverTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void sessionStateMovesToTheSuccessorAndTheOldSaIsRekeyed() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 4500);
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("198.18.0.1"), 4500);
        IkeSa old = new IkeSa(7, 0x11L, 0x22L, peer, local, T0);
        old.state = IkeSa.State.ESTABLISHED;
        old.username = "test";
        old.virtualAccess = 3;
        old.assignedAddress = Optional.of(InetAddress.getByName("192.168.10.5"));
        old.established = T0.plusSeconds(1);
        io.flexgate.api.pool.AddressPool.Lease lease = new io.flexgate.api.pool.AddressPool.Lease("ACP00L",
                old.assignedAddress.get(), 7, "test", T0);
        old.lease = lease;
        IkeSa.ChildSa child = new IkeSa.ChildSa(0x1000, 0x2000, "esp-gcm 128", List.of(IpPrefix.parse("10.0.0.0/8")),
                List.of(IpPrefix.parse("192.168.10.5/32")), T0, null);
        old.children.add(child);
        IkeSa next = new IkeSa(7, 0x33L, 0x44L, peer, local, T0);

        old.handOver(next);

        assertThat(next.state).isEqualTo(IkeSa.State.ESTABLISHED);
        assertThat(next.sessionId).isEqualTo(old.sessionId);
        assertThat(next.children).containsExactly(child);
        assertThat(next.child(0x1000)).contains(child);
        assertThat(next.username).isEqualTo("test");
        assertThat(next.virtualAccess).isEqualTo(3);
        assertThat(next.lease).isSameAs(lease);
        assertThat(next.assignedAddress).isEqualTo(old.assignedAddress);
        assertThat(next.established).isEqualTo(T0.plusSeconds(1));
        // The old SA no longer owns anything a teardown would release twice.
        assertThat(old.state).isEqualTo(IkeSa.State.REKEYED);
        assertThat(old.children).isEmpty();
        assertThat(old.virtualAccess).isZero();
        assertThat(old.lease).isNull();
        assertThat(old.child(0x1000)).isEmpty();
    }
}
