package io.flexgate.shell.ip;

import io.flexgate.api.net.IpRange;
import io.flexgate.api.pool.AddressPool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The rows of {@code show ip local pool}, apart from the console so they can be tested. */
final class LocalPoolRows {

    private LocalPoolRows() {
    }

    /** One range of one pool: Pool, Begin, End, Free, In use. */
    record UsageRow(String pool, String begin, String end, long free, long inUse) {
    }

    /** One held address: Address, User, Session, Since, and whether its range was removed since. */
    record LeaseRow(String address, String user, long session, String since, boolean outsideRanges) {
    }

    static List<UsageRow> usage(List<AddressPool> pools) {
        List<UsageRow> rows = new ArrayList<>();
        pools.stream().sorted(Comparator.comparing(AddressPool::name)).forEach(pool -> {
            for (AddressPool.RangeUsage u : pool.usage()) {
                rows.add(new UsageRow(pool.name(), Addresses.text(u.range().first()),
                        Addresses.text(u.range().last()), u.free(), u.inUse()));
            }
        });
        return rows;
    }

    static List<LeaseRow> leases(AddressPool pool) {
        List<IpRange> ranges = pool.ranges();
        List<LeaseRow> rows = new ArrayList<>();
        for (AddressPool.Lease lease : pool.leases()) {
            boolean outside = ranges.stream().noneMatch(r -> r.contains(lease.address()));
            rows.add(new LeaseRow(Addresses.text(lease.address()), lease.username(), lease.sessionId(),
                    lease.since().toString(), outside));
        }
        return rows;
    }
}
