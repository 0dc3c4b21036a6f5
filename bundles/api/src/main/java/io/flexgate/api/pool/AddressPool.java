package io.flexgate.api.pool;

import io.flexgate.api.net.IpRange;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An IP local pool ({@code ip local pool NAME FIRST LAST}), registered per configuration
 * {@code io.flexgate.pool~NAME} with the service property {@link #PROP_NAME}.
 *
 * <p>Thread-safe: sessions on many IKE SA executors acquire and release at once, and no address is ever
 * leased twice. Reconfiguration keeps existing leases until they are released, even when their address
 * left the pool's ranges. A pool that runs dry answers {@link LeaseResult.Exhausted}; the IKEv2 engine
 * then sends INTERNAL_ADDRESS_FAILURE.
 */
@ProviderType
public interface AddressPool {

    /** Service property: the pool's name ({@code String}). */
    String PROP_NAME = "pool.name";

    String name();

    /** The configured ranges, in order. */
    List<IpRange> ranges();

    /**
     * Leases an address to a session. The same user gets the address it had last when that one is free
     * (sticky); a {@code requested} address is honoured when it is in the pool and free.
     */
    LeaseResult acquire(LeaseRequest request);

    /** Returns a lease. Idempotent: releasing twice, or after a reconfiguration, is harmless. */
    void release(Lease lease);

    /** The leases held now. */
    List<Lease> leases();

    /** Per-range counters as {@code show ip local pool} prints them. */
    List<RangeUsage> usage();

    /**
     * What a session asks for.
     *
     * @param sessionId the session that will hold the lease
     * @param username  the user, for sticky assignment
     * @param ipv6      an IPv6 address rather than IPv4
     * @param requested an address the peer asked for (CP request with a non-zero address)
     */
    record LeaseRequest(long sessionId, String username, boolean ipv6, Optional<InetAddress> requested) {
    }

    /** A leased address. */
    record Lease(String pool, InetAddress address, long sessionId, String username, Instant since) {
    }

    /** {@code show ip local pool}: a range with its free and in-use counts. */
    record RangeUsage(IpRange range, long free, long inUse) {
    }

    /** The answer to {@link #acquire}. */
    sealed interface LeaseResult {
        record Leased(Lease lease) implements LeaseResult {
        }

        /** No free address (one clear log line and INTERNAL_ADDRESS_FAILURE follow). */
        record Exhausted(String pool, String reason) implements LeaseResult {
        }
    }
}
