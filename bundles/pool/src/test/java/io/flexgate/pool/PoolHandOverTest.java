package io.flexgate.pool;

import static io.flexgate.pool.IpLocalPoolTest.ip;
import static io.flexgate.pool.IpLocalPoolTest.leased;
import static io.flexgate.pool.IpLocalPoolTest.v4;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.pool.AddressPool.Lease;
import io.flexgate.api.pool.AddressPool.LeaseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The pool bundle replaced while sessions run (bundle:update, issue 13): the new pool instance starts empty and
 * must take over the addresses live sessions hold, so that none is leased twice, and free them when those
 * sessions end although the engine hands the leases back to the old instance.
 */
class PoolHandOverTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private static IpLocalPool seedPool() {
        return new IpLocalPool("ACP00L", PoolRanges.parse("ACP00L", new String[] {"192.168.10.5 192.168.10.10"}),
                CLOCK);
    }

    @Test
    void successorLeasesNoAddressALiveSessionHolds() {
        IpLocalPool old = seedPool();
        Lease a = leased(old.acquire(v4(1, "hs0")));
        Lease b = leased(old.acquire(v4(2, "hs1")));
        old.deactivate();

        IpLocalPool successor = seedPool();
        assertThat(successor.adopt(1, "hs0", a.address())).isTrue();
        assertThat(successor.adopt(2, "hs1", b.address())).isTrue();
        Lease fresh = leased(successor.acquire(v4(3, "ar0")));

        assertThat(fresh.address()).isNotIn(a.address(), b.address());
        assertThat(successor.leases()).extracting(Lease::sessionId).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(successor.usage().get(0).inUse()).isEqualTo(3);
    }

    @Test
    void stoppedPoolLeasesNothingMore() {
        IpLocalPool old = seedPool();
        Lease held = leased(old.acquire(v4(1, "hs0")));
        old.deactivate();

        assertThat(old.acquire(v4(2, "ar0"))).isEqualTo(new LeaseResult.Exhausted("ACP00L",
                "ip local pool ACP00L is stopping (being replaced)"));
        // A repeated request of a session that has its lease still gets it.
        assertThat(leased(old.acquire(v4(1, "hs0")))).isEqualTo(held);
    }

    @Test
    void sessionDownFreesATakenOverAddress() {
        IpLocalPool successor = seedPool();
        successor.adopt(7, "hs0", ip("192.168.10.5"));

        successor.releaseSession(7);

        assertThat(successor.leases()).isEmpty();
        assertThat(successor.usage().get(0).inUse()).isZero();
        // Sticky: the user gets its address back.
        assertThat(leased(successor.acquire(v4(8, "hs0"))).address()).isEqualTo(ip("192.168.10.5"));
    }

    @Test
    void addressHeldByAnotherSessionOrOutsideTheRangesIsNotTakenOver() {
        IpLocalPool pool = seedPool();
        Lease held = leased(pool.acquire(v4(1, "hs0")));

        assertThat(pool.adopt(2, "ar0", held.address())).isFalse();
        assertThat(pool.adopt(1, "hs0", held.address())).isFalse();
        assertThat(pool.adopt(3, "ar1", ip("10.9.9.9"))).isFalse();
        assertThat(pool.leases()).containsExactly(held);
    }
}
