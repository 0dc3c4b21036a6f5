package io.flexgate.pool;

import io.flexgate.api.net.IpRange;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import io.flexgate.api.session.SessionRegistry;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IP local pool ({@code ip local pool NAME FIRST LAST}), one per configuration {@code io.flexgate.pool~NAME}.
 *
 * <p>All state sits behind one lock: an acquire or release is a few map operations, and the scan for a
 * free address visits at most one more address than there are leases. Addresses are handed out next-fit
 * (a cursor that moves on after each lease), so an address just released is the last to be reused, except
 * for its own user (sticky). A reconfiguration ({@link Modified}, no deactivation) replaces the ranges at
 * once; leases already held stay in the lease table, even outside the new ranges, until their sessions
 * release them, and the table is what keeps an address from being leased twice.
 *
 * <p>Immediate: the lease table is state, and a delayed component would be thrown away (and its leases
 * forgotten) whenever its last user ungets the service.
 *
 * <p>A new instance (the pool bundle updated or restarted while sessions run) starts with an empty table, so it
 * takes over the addresses the live sessions hold: those the {@link SessionRegistry} lists when it binds, and
 * any that a session brings up later ({@link #sessionUp}: a lease its predecessor gave out just before it
 * stopped). The engine still returns those leases to the predecessor, so this pool frees them on
 * {@link #sessionDown}. A stopped pool hands out no more addresses.
 */
@Component(service = {AddressPool.class, SessionListener.class}, configurationPid = "io.flexgate.pool",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = PoolConfiguration.class, factory = true)
public final class IpLocalPool implements AddressPool, SessionListener {

    /** Users remembered for sticky assignment; the least recently seen is forgotten first. */
    static final int MAX_STICKY_USERS = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(IpLocalPool.class);

    /** Changes only on a rename through ConfigAdmin, which DS also applies to the pool.name service property. */
    private volatile String name;
    private final Clock clock;
    private final Object lock = new Object();
    // Guarded by lock.
    private List<IpRange> ranges;
    private final Map<InetAddress, Lease> byAddress = new HashMap<>();
    private final Map<SessionFamily, Lease> bySession = new HashMap<>();
    private final Map<String, InetAddress> lastAddressOfUser = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InetAddress> eldest) {
            return size() > MAX_STICKY_USERS;
        }
    };
    private final Cursor cursorV4 = new Cursor();
    private final Cursor cursorV6 = new Cursor();
    private boolean stopped;

    @Activate
    public IpLocalPool(PoolConfiguration config) {
        this(config.pool_name(), PoolRanges.parse(config.pool_name(), config.ranges()), Clock.systemUTC());
        LOG.info("ip local pool {} {}", name, ranges);
    }

    IpLocalPool(String name, List<IpRange> ranges, Clock clock) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("pool.name is missing");
        }
        this.name = name;
        this.ranges = List.copyOf(ranges);
        this.clock = clock;
    }

    /**
     * New ranges (or a new name) from ConfigAdmin. A bad range list is logged and the old ranges stay. A
     * rename applies, since DS changes the {@code pool.name} service property in any case; leases keep the
     * name they were made under and are released all the same.
     */
    @Modified
    void modified(PoolConfiguration config) {
        String newName = config.pool_name();
        try {
            List<IpRange> newRanges = PoolRanges.parse(newName, config.ranges());
            if (newName == null || newName.isBlank()) {
                throw new IllegalArgumentException("pool.name is missing");
            }
            if (!name.equals(newName)) {
                LOG.warn("ip local pool {} renamed to {}: policies naming {} no longer find it", name, newName, name);
                name = newName;
            }
            reconfigure(newRanges);
        } catch (IllegalArgumentException e) {
            LOG.error("ip local pool {}: configuration refused, keeping {}: {}", name, ranges(), e.getMessage());
        }
    }

    /** From now on no address is leased: a successor (bundle update) takes over the leases held. */
    @Deactivate
    void deactivate() {
        synchronized (lock) {
            stopped = true;
        }
    }

    /** Takes over the addresses the engine's live sessions hold (called once when the registry binds). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            unbind = "unsetSessionRegistry")
    void setSessionRegistry(SessionRegistry registry) {
        int adopted = 0;
        for (SessionInfo s : registry.sessions()) {
            if (s.assignedAddress().isPresent() && adopt(s.sessionId(), s.username(), s.assignedAddress().get())) {
                adopted++;
            }
        }
        if (adopted > 0) {
            LOG.info("ip local pool {}: took over {} address(es) held by live sessions", name, adopted);
        }
    }

    void unsetSessionRegistry(SessionRegistry registry) {
        // Nothing to undo: the leases taken over stay until their sessions go down.
    }

    @Override
    public void sessionUp(SessionInfo session) {
        session.assignedAddress().ifPresent(a -> adopt(session.sessionId(), session.username(), a));
    }

    @Override
    public void sessionDown(SessionInfo session, DownReason reason) {
        releaseSession(session.sessionId());
    }

    /**
     * Records that {@code sessionId} holds {@code address} (leased elsewhere: by this pool's predecessor). An
     * address outside the ranges, or already held by that session, changes nothing.
     *
     * @return whether the address was taken over
     */
    boolean adopt(long sessionId, String username, InetAddress address) {
        synchronized (lock) {
            Lease held = byAddress.get(address);
            if (held != null || !inRanges(address)) {
                if (held != null && held.sessionId() != sessionId) {
                    LOG.error("ip local pool {}: {} is held by session {} and also assigned to session {}", name,
                            address.getHostAddress(), held.sessionId(), sessionId);
                }
                return false;
            }
            Lease lease = new Lease(name, address, sessionId, username == null ? "" : username, clock.instant());
            byAddress.put(address, lease);
            bySession.put(new SessionFamily(sessionId, isIpv6(address)), lease);
            return true;
        }
    }

    /** Frees whatever the session holds, whoever leased it (the engine may hand it back to a predecessor). */
    void releaseSession(long sessionId) {
        for (boolean ipv6 : new boolean[] {false, true}) {
            Lease lease;
            synchronized (lock) {
                lease = bySession.get(new SessionFamily(sessionId, ipv6));
            }
            if (lease != null) {
                release(lease);
            }
        }
    }

    /** Replaces the ranges; held leases stay until released. */
    void reconfigure(List<IpRange> newRanges) {
        int held;
        synchronized (lock) {
            ranges = List.copyOf(newRanges);
            cursorV4.reset();
            cursorV6.reset();
            held = (int) byAddress.keySet().stream().filter(a -> !inRanges(a)).count();
        }
        LOG.info("ip local pool {} now {}; {} held lease(s) outside the new ranges stay until released", name,
                newRanges, held);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<IpRange> ranges() {
        synchronized (lock) {
            return ranges;
        }
    }

    @Override
    public LeaseResult acquire(LeaseRequest request) {
        String user = request.username() == null ? "" : request.username();
        synchronized (lock) {
            SessionFamily key = new SessionFamily(request.sessionId(), request.ipv6());
            Lease held = bySession.get(key);
            if (held != null) {
                // A retransmitted or repeated request of the same session gets the lease it has.
                return new LeaseResult.Leased(held);
            }
            if (stopped) {
                return new LeaseResult.Exhausted(name, "ip local pool " + name + " is stopping (being replaced)");
            }
            Optional<InetAddress> chosen = request.requested().filter(a -> isIpv6(a) == request.ipv6())
                    .filter(this::isFree);
            if (chosen.isEmpty() && !user.isEmpty()) {
                chosen = Optional.ofNullable(lastAddressOfUser.get(user)).filter(a -> isIpv6(a) == request.ipv6())
                        .filter(this::isFree);
            }
            if (chosen.isEmpty()) {
                chosen = nextFree(request.ipv6());
            }
            if (chosen.isEmpty()) {
                String reason = exhaustedReason(request.ipv6());
                LOG.warn("ip local pool {}: no address for session {} user {}: {}", name, request.sessionId(), user,
                        reason);
                return new LeaseResult.Exhausted(name, reason);
            }
            Lease lease = new Lease(name, chosen.get(), request.sessionId(), user, clock.instant());
            byAddress.put(lease.address(), lease);
            bySession.put(key, lease);
            return new LeaseResult.Leased(lease);
        }
    }

    /** Matches by address and session: the pool name in the lease may predate a rename. */
    @Override
    public void release(Lease lease) {
        synchronized (lock) {
            Lease current = byAddress.get(lease.address());
            // Only the session that holds the address frees it: a late duplicate release must not take the
            // address away from a session that leased it afterwards.
            if (current == null || current.sessionId() != lease.sessionId()) {
                return;
            }
            byAddress.remove(current.address());
            bySession.remove(new SessionFamily(current.sessionId(), isIpv6(current.address())));
            if (!current.username().isEmpty()) {
                lastAddressOfUser.put(current.username(), current.address());
            }
        }
    }

    @Override
    public List<Lease> leases() {
        synchronized (lock) {
            List<Lease> all = new ArrayList<>(byAddress.values());
            all.sort((a, b) -> compareAddresses(a.address(), b.address()));
            return List.copyOf(all);
        }
    }

    @Override
    public List<RangeUsage> usage() {
        synchronized (lock) {
            List<RangeUsage> usage = new ArrayList<>();
            for (IpRange range : ranges) {
                long inUse = byAddress.keySet().stream().filter(range::contains).count();
                BigInteger free = range.size().subtract(BigInteger.valueOf(inUse));
                usage.add(new RangeUsage(range, clampToLong(free), inUse));
            }
            return List.copyOf(usage);
        }
    }

    private boolean isFree(InetAddress address) {
        return inRanges(address) && !byAddress.containsKey(address);
    }

    private boolean inRanges(InetAddress address) {
        for (IpRange range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Next-fit scan from the family's cursor. Every address visited before a free one is a distinct leased
     * address, so when any address is free the scan finds it within {@code leases + 1} steps.
     */
    private Optional<InetAddress> nextFree(boolean ipv6) {
        List<IpRange> family = familyRanges(ipv6);
        if (family.isEmpty()) {
            return Optional.empty();
        }
        BigInteger total = family.stream().map(IpRange::size).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger steps = total.min(BigInteger.valueOf(byAddress.size() + 1L));
        Cursor cursor = ipv6 ? cursorV6 : cursorV4;
        cursor.normalise(family);
        for (BigInteger i = BigInteger.ZERO; i.compareTo(steps) < 0; i = i.add(BigInteger.ONE)) {
            InetAddress candidate = family.get(cursor.range).addressAt(cursor.offset);
            cursor.advance(family);
            if (!byAddress.containsKey(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private String exhaustedReason(boolean ipv6) {
        List<IpRange> family = familyRanges(ipv6);
        String kind = ipv6 ? "IPv6" : "IPv4";
        if (family.isEmpty()) {
            return "pool " + name + " has no " + kind + " range";
        }
        BigInteger total = family.stream().map(IpRange::size).reduce(BigInteger.ZERO, BigInteger::add);
        return "all " + total + " " + kind + " addresses of pool " + name + " are in use";
    }

    private List<IpRange> familyRanges(boolean ipv6) {
        return ranges.stream().filter(r -> isIpv6(r.first()) == ipv6).toList();
    }

    private static boolean isIpv6(InetAddress address) {
        return address instanceof Inet6Address;
    }

    private static long clampToLong(BigInteger n) {
        return n.bitLength() < Long.SIZE ? n.longValue() : Long.MAX_VALUE;
    }

    private static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        int c = Integer.compare(x.length, y.length);
        return c != 0 ? c : java.util.Arrays.compareUnsigned(x, y);
    }

    private record SessionFamily(long sessionId, boolean ipv6) {
    }

    /** Where the next-fit scan of one family continues: an index into that family's ranges and an offset. */
    private static final class Cursor {
        private int range;
        private BigInteger offset = BigInteger.ZERO;

        void reset() {
            range = 0;
            offset = BigInteger.ZERO;
        }

        void normalise(List<IpRange> family) {
            if (range >= family.size() || offset.compareTo(family.get(range).size()) >= 0) {
                reset();
            }
        }

        void advance(List<IpRange> family) {
            offset = offset.add(BigInteger.ONE);
            if (offset.compareTo(family.get(range).size()) >= 0) {
                offset = BigInteger.ZERO;
                range = (range + 1) % family.size();
            }
        }
    }
}
