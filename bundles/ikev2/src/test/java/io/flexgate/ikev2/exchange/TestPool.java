package io.flexgate.ikev2.exchange;

import io.flexgate.api.net.IpRange;
import io.flexgate.api.pool.AddressPool;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A pool over a fixed list of addresses, first free first. */
final class TestPool implements AddressPool {

    private final String name;
    private final List<InetAddress> addresses;
    private final List<Lease> leases = new ArrayList<>();

    TestPool(String name, List<InetAddress> addresses) {
        this.name = name;
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<IpRange> ranges() {
        return List.of();
    }

    @Override
    public synchronized LeaseResult acquire(LeaseRequest request) {
        for (InetAddress a : addresses) {
            if (leases.stream().noneMatch(l -> l.address().equals(a))) {
                Lease lease = new Lease(name, a, request.sessionId(), request.username(), Instant.EPOCH);
                leases.add(lease);
                return new LeaseResult.Leased(lease);
            }
        }
        return new LeaseResult.Exhausted(name, "ip local pool " + name + " is exhausted");
    }

    @Override
    public synchronized void release(Lease lease) {
        leases.remove(lease);
    }

    @Override
    public synchronized List<Lease> leases() {
        return List.copyOf(leases);
    }

    @Override
    public List<RangeUsage> usage() {
        return List.of();
    }
}
