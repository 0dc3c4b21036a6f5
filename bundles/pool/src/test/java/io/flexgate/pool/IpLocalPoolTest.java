package io.flexgate.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.net.IpRange;
import io.flexgate.api.pool.AddressPool.Lease;
import io.flexgate.api.pool.AddressPool.LeaseRequest;
import io.flexgate.api.pool.AddressPool.LeaseResult;
import io.flexgate.api.pool.AddressPool.RangeUsage;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpLocalPoolTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    /** The seed's {@code ip local pool ACP00L 192.168.10.5 192.168.10.10}. */
    private static IpLocalPool seedPool() {
        return new IpLocalPool("ACP00L", PoolRanges.parse("ACP00L", new String[] {"192.168.10.5 192.168.10.10"}),
                CLOCK);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static LeaseRequest v4(long session, String user) {
        return new LeaseRequest(session, user, false, Optional.empty());
    }

    static Lease leased(LeaseResult result) {
        assertThat(result).isInstanceOf(LeaseResult.Leased.class);
        return ((LeaseResult.Leased) result).lease();
    }

    @Test
    void leasesEveryAddressOnceThenAnswersExhaustedWithAReason() {
        IpLocalPool pool = seedPool();
        Set<InetAddress> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Lease lease = leased(pool.acquire(v4(i, "u" + i)));
            assertThat(seen.add(lease.address())).isTrue();
            assertThat(lease.pool()).isEqualTo("ACP00L");
            assertThat(lease.since()).isEqualTo(CLOCK.instant());
        }
        assertThat(seen).contains(ip("192.168.10.5"), ip("192.168.10.10"));
        LeaseResult seventh = pool.acquire(v4(6, "u6"));
        assertThat(seventh).isEqualTo(new LeaseResult.Exhausted("ACP00L",
                "all 6 IPv4 addresses of pool ACP00L are in use"));
        assertThat(pool.usage()).containsExactly(new RangeUsage(pool.ranges().get(0), 0, 6));
    }

    @Test
    void releasedAddressGoesBackToItsUserWhenFree() {
        IpLocalPool pool = seedPool();
        Lease first = leased(pool.acquire(v4(1, "test")));
        pool.release(first);
        // Next-fit: another user gets a different address than the one just released.
        Lease other = leased(pool.acquire(v4(2, "alice")));
        assertThat(other.address()).isNotEqualTo(first.address());
        Lease again = leased(pool.acquire(v4(3, "test")));
        assertThat(again.address()).isEqualTo(first.address());
    }

    @Test
    void stickyAddressTakenByAnotherSessionGivesAnotherFreeAddress() {
        IpLocalPool pool = seedPool();
        Lease first = leased(pool.acquire(v4(1, "test")));
        pool.release(first);
        leased(pool.acquire(new LeaseRequest(2, "alice", false, Optional.of(first.address()))));
        Lease again = leased(pool.acquire(v4(3, "test")));
        assertThat(again.address()).isNotEqualTo(first.address());
    }

    @Test
    void requestedAddressIsHonouredOnlyWhenInThePoolAndFree() {
        IpLocalPool pool = seedPool();
        Lease asked = leased(pool.acquire(new LeaseRequest(1, "a", false, Optional.of(ip("192.168.10.9")))));
        assertThat(asked.address()).isEqualTo(ip("192.168.10.9"));
        Lease busy = leased(pool.acquire(new LeaseRequest(2, "b", false, Optional.of(ip("192.168.10.9")))));
        assertThat(busy.address()).isNotEqualTo(ip("192.168.10.9"));
        Lease outside = leased(pool.acquire(new LeaseRequest(3, "c", false, Optional.of(ip("10.9.9.9")))));
        assertThat(pool.ranges().get(0).contains(outside.address())).isTrue();
    }

    @Test
    void sameSessionAskingAgainKeepsItsLease() {
        IpLocalPool pool = seedPool();
        Lease lease = leased(pool.acquire(v4(7, "test")));
        assertThat(leased(pool.acquire(v4(7, "test")))).isEqualTo(lease);
        assertThat(pool.leases()).containsExactly(lease);
    }

    @Test
    void releaseIsIdempotentAndAStaleReleaseDoesNotFreeANewerLease() {
        IpLocalPool pool = seedPool();
        Lease old = leased(pool.acquire(new LeaseRequest(1, "a", false, Optional.of(ip("192.168.10.5")))));
        pool.release(old);
        pool.release(old);
        Lease newer = leased(pool.acquire(new LeaseRequest(2, "b", false, Optional.of(ip("192.168.10.5")))));
        pool.release(old);
        assertThat(pool.leases()).containsExactly(newer);
    }

    @Test
    void ipv6RangesServeIpv6RequestsAndAnIpv4OnlyPoolSaysWhyItCannot() {
        IpLocalPool dual = new IpLocalPool("DUAL", PoolRanges.parse("DUAL",
                new String[] {"10.0.0.1 10.0.0.2", "2001:db8::10 2001:db8::11"}), CLOCK);
        Lease v6 = leased(dual.acquire(new LeaseRequest(1, "a", true, Optional.empty())));
        assertThat(v6.address().getAddress()).hasSize(16);
        assertThat(v6.address()).isEqualTo(ip("2001:db8::10"));
        Lease v4 = leased(dual.acquire(v4(1, "a")));
        assertThat(v4.address()).isEqualTo(ip("10.0.0.1"));

        LeaseResult none = seedPool().acquire(new LeaseRequest(1, "a", true, Optional.empty()));
        assertThat(none).isEqualTo(new LeaseResult.Exhausted("ACP00L", "pool ACP00L has no IPv6 range"));
    }

    @Test
    void hugeIpv6RangeLeasesWithoutEnumerating() {
        IpLocalPool pool = new IpLocalPool("V6", PoolRanges.parse("V6",
                new String[] {"2001:db8:: 2001:db8::ffff:ffff:ffff:ffff"}), CLOCK);
        Lease a = leased(pool.acquire(new LeaseRequest(1, "a", true, Optional.empty())));
        Lease b = leased(pool.acquire(new LeaseRequest(2, "b", true, Optional.empty())));
        assertThat(a.address()).isNotEqualTo(b.address());
        assertThat(pool.usage().get(0).free()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void reconfigurationAppliesAtOnceAndKeepsHeldLeases() {
        IpLocalPool pool = seedPool();
        Lease five = leased(pool.acquire(new LeaseRequest(1, "a", false, Optional.of(ip("192.168.10.5")))));
        Lease eight = leased(pool.acquire(new LeaseRequest(2, "b", false, Optional.of(ip("192.168.10.8")))));

        pool.reconfigure(PoolRanges.parse("ACP00L", new String[] {"192.168.10.8 192.168.10.9"}));

        assertThat(pool.leases()).containsExactly(five, eight);
        IpRange range = pool.ranges().get(0);
        assertThat(pool.usage()).containsExactly(new RangeUsage(range, 1, 1));
        // Only .9 is both in the new range and free: .8 stays with session 2.
        assertThat(leased(pool.acquire(v4(3, "c"))).address()).isEqualTo(ip("192.168.10.9"));
        assertThat(pool.acquire(v4(4, "d"))).isInstanceOf(LeaseResult.Exhausted.class);
        // .5 left the pool: once released it is not leased again, even to its sticky user.
        pool.release(five);
        pool.release(eight);
        assertThat(leased(pool.acquire(v4(5, "a"))).address()).isEqualTo(ip("192.168.10.8"));
        assertThat(pool.leases()).extracting(Lease::address).doesNotContain(ip("192.168.10.5"));
    }

    @Test
    void badModificationKeepsTheOldRanges() {
        IpLocalPool pool = new IpLocalPool(config("ACP00L", "192.168.10.5 192.168.10.10"));
        pool.modified(config("ACP00L", "192.168.10.10 192.168.10.5"));
        assertThat(pool.ranges()).extracting(IpRange::toString).containsExactly("192.168.10.5 192.168.10.10");
        pool.modified(config("", "192.168.20.1 192.168.20.2"));
        assertThat(pool.ranges()).extracting(IpRange::toString).containsExactly("192.168.10.5 192.168.10.10");
        pool.modified(config("ACP00L", "192.168.20.1 192.168.20.2"));
        assertThat(pool.ranges()).extracting(IpRange::toString).containsExactly("192.168.20.1 192.168.20.2");
    }

    @Test
    void renameAppliesAndLeasesMadeBeforeItAreStillReleased() {
        IpLocalPool pool = new IpLocalPool(config("OLD", "10.0.0.1 10.0.0.1"));
        Lease lease = leased(pool.acquire(v4(1, "a")));
        pool.modified(config("NEW", "10.0.0.1 10.0.0.1"));
        assertThat(pool.name()).isEqualTo("NEW");
        assertThat(pool.acquire(v4(2, "b"))).isEqualTo(new LeaseResult.Exhausted("NEW",
                "all 1 IPv4 addresses of pool NEW are in use"));
        pool.release(lease);
        assertThat(leased(pool.acquire(v4(2, "b"))).pool()).isEqualTo("NEW");
    }

    @Test
    void configurationErrorsNameThePoolAndTheEntry() {
        assertThatThrownBy(() -> PoolRanges.parse("P", new String[] {"10.0.0.1 10.0.0.9", "10.0.0.5 10.0.0.20"}))
                .hasMessageContaining("pool P").hasMessageContaining("overlaps");
        assertThatThrownBy(() -> PoolRanges.parse("P", new String[] {"10.0.0.9 10.0.0.1"}))
                .hasMessageContaining("below its start");
        assertThatThrownBy(() -> PoolRanges.parse("P", new String[] {"10.0.0.1 2001:db8::1"}))
                .hasMessageContaining("mixes IPv4 and IPv6");
        assertThatThrownBy(() -> PoolRanges.parse("P", new String[] {"localhost"}))
                .hasMessageContaining("bad range 'localhost'");
        assertThatThrownBy(() -> PoolRanges.parse("P", new String[] {"10.0.0.0/24"}))
                .hasMessageContaining("not 'FIRST LAST'");
        assertThatThrownBy(() -> PoolRanges.parse("P", new String[0])).hasMessageContaining("no range");
        assertThatThrownBy(() -> new IpLocalPool(config("", "10.0.0.1"))).hasMessageContaining("pool.name");
        assertThatThrownBy(() -> PoolRanges.parse("P", new String[] {"10.0.0.1 10.0.0.2,"}))
                .hasMessageContaining("bad range ''");
        assertThat(PoolRanges.parse("P", new String[] {"10.0.0.1 10.0.0.2, 2001:db8::1 2001:db8::9"})).hasSize(2);
        assertThat(PoolRanges.parse("P", new String[] {" 10.0.0.7 "}))
                .containsExactly(new IpRange(ip("10.0.0.7"), ip("10.0.0.7")));
    }

    static PoolConfiguration config(String name, String... ranges) {
        return new PoolConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PoolConfiguration.class;
            }

            @Override
            public String pool_name() {
                return name;
            }

            @Override
            public String[] ranges() {
                return ranges;
            }
        };
    }

    @Test
    void usageCountsPerRange() {
        IpLocalPool pool = new IpLocalPool("TWO", PoolRanges.parse("TWO",
                new String[] {"10.0.0.1 10.0.0.4", "10.0.1.1 10.0.1.2"}), CLOCK);
        for (int i = 0; i < 5; i++) {
            leased(pool.acquire(v4(i, "u" + i)));
        }
        List<RangeUsage> usage = pool.usage();
        assertThat(usage).extracting(RangeUsage::free, RangeUsage::inUse)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 4L), org.assertj.core.groups.Tuple.tuple(1L, 1L));
    }
}
