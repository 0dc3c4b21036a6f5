package io.flexgate.shell.ip;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.net.IpRange;
import io.flexgate.api.pool.AddressPool;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPoolRowsTest {

    /** A pool as the pool bundle would report it after ACP00L shrank to .8-.10 while .5 was held. */
    private static final class ReportedPool implements AddressPool {
        private final String name;
        private final IpRange range;
        private final List<Lease> leases;

        ReportedPool(String name, IpRange range, List<Lease> leases) {
            this.name = name;
            this.range = range;
            this.leases = leases;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<IpRange> ranges() {
            return List.of(range);
        }

        @Override
        public LeaseResult acquire(LeaseRequest request) {
            throw new UnsupportedOperationException("the command never leases");
        }

        @Override
        public void release(Lease lease) {
            throw new UnsupportedOperationException("the command never releases");
        }

        @Override
        public List<Lease> leases() {
            return leases;
        }

        @Override
        public List<RangeUsage> usage() {
            return List.of(new RangeUsage(range, 2, 1));
        }
    }

    @Test
    void rowsAreSortedByPoolAndMarkLeasesOfRemovedRanges() throws Exception {
        Instant since = Instant.parse("2026-11-28T12:00:00Z");
        IpRange acp = new IpRange(InetAddress.getByName("192.168.10.8"), InetAddress.getByName("192.168.10.10"));
        AddressPool seed = new ReportedPool("ACP00L", acp, List.of(
                new AddressPool.Lease("ACP00L", InetAddress.getByName("192.168.10.5"), 7, "test", since),
                new AddressPool.Lease("ACP00L", InetAddress.getByName("192.168.10.9"), 8, "alice", since)));
        AddressPool other = new ReportedPool("A-FIRST", new IpRange(InetAddress.getByName("10.0.0.1"),
                InetAddress.getByName("10.0.0.3")), List.of());

        assertThat(LocalPoolRows.usage(List.of(seed, other))).containsExactly(
                new LocalPoolRows.UsageRow("A-FIRST", "10.0.0.1", "10.0.0.3", 2, 1),
                new LocalPoolRows.UsageRow("ACP00L", "192.168.10.8", "192.168.10.10", 2, 1));
        assertThat(LocalPoolRows.leases(seed)).containsExactly(
                new LocalPoolRows.LeaseRow("192.168.10.5", "test", 7, "2026-11-28T12:00:00Z", true),
                new LocalPoolRows.LeaseRow("192.168.10.9", "alice", 8, "2026-11-28T12:00:00Z", false));
    }
}
