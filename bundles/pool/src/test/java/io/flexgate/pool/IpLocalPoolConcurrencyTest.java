package io.flexgate.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.pool.AddressPool.Lease;
import io.flexgate.api.pool.AddressPool.LeaseRequest;
import io.flexgate.api.pool.AddressPool.LeaseResult;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** No address is ever held by two sessions at once, across 10,000 acquire/release pairs on four threads. */
class IpLocalPoolConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PAIRS_PER_THREAD = 2_500;
    /** Each thread holds up to this many leases at once, so the pool (20 addresses) runs near full. */
    private static final int HELD_PER_THREAD = 5;

    @Test
    void noDuplicateLeaseUnderConcurrentAcquireAndRelease() throws Exception {
        IpLocalPool pool = new IpLocalPool("C", PoolRanges.parse("C", new String[] {"10.1.0.1 10.1.0.20"}),
                Clock.systemUTC());
        Outcome outcome = run(pool, () -> { });
        assertThat(outcome.duplicates()).isZero();
        assertThat(outcome.exhausted()).isZero();
        assertThat(outcome.leased()).isEqualTo(THREADS * PAIRS_PER_THREAD);
        assertThat(pool.leases()).isEmpty();
        assertThat(pool.usage().get(0).free()).isEqualTo(20);
    }

    /** A pool whose range flips between two overlapping ranges while sessions come and go. */
    @Test
    void noDuplicateLeaseWhileThePoolIsReconfigured() throws Exception {
        IpLocalPool pool = new IpLocalPool("C", PoolRanges.parse("C", new String[] {"10.1.0.1 10.1.0.20"}),
                Clock.systemUTC());
        var a = PoolRanges.parse("C", new String[] {"10.1.0.1 10.1.0.20"});
        var b = PoolRanges.parse("C", new String[] {"10.1.0.11 10.1.0.30"});
        AtomicInteger flips = new AtomicInteger();
        Outcome outcome = run(pool, () -> pool.reconfigure(flips.incrementAndGet() % 2 == 0 ? a : b));
        assertThat(outcome.duplicates()).isZero();
        assertThat(outcome.leased() + outcome.exhausted()).isEqualTo(THREADS * PAIRS_PER_THREAD);
        assertThat(flips.get()).isPositive();
        assertThat(pool.leases()).isEmpty();
    }

    private record Outcome(int leased, int exhausted, int duplicates) {
    }

    /**
     * Runs {@link #THREADS} workers doing {@link #PAIRS_PER_THREAD} acquire/release pairs each, and one more
     * thread calling {@code sideAction} until the workers are done.
     */
    private static Outcome run(IpLocalPool pool, Runnable sideAction) throws Exception {
        ConcurrentHashMap<InetAddress, Long> holders = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger leasedCount = new AtomicInteger();
        AtomicInteger exhausted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch workersDone = new CountDownLatch(THREADS);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS + 1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long base = t * 1_000_000L;
                futures.add(executor.submit(() -> {
                    start.await();
                    try {
                        ArrayDeque<Lease> held = new ArrayDeque<>();
                        for (int i = 0; i < PAIRS_PER_THREAD; i++) {
                            LeaseResult r = pool.acquire(new LeaseRequest(base + i, "user" + (i % 7), false,
                                    Optional.empty()));
                            if (r instanceof LeaseResult.Leased leased) {
                                Lease lease = leased.lease();
                                leasedCount.incrementAndGet();
                                if (holders.putIfAbsent(lease.address(), lease.sessionId()) != null) {
                                    duplicates.incrementAndGet();
                                }
                                held.add(lease);
                            } else {
                                exhausted.incrementAndGet();
                            }
                            if (held.size() >= HELD_PER_THREAD || i == PAIRS_PER_THREAD - 1) {
                                while (!held.isEmpty()) {
                                    Lease done = held.poll();
                                    holders.remove(done.address(), done.sessionId());
                                    pool.release(done);
                                }
                            }
                        }
                    } finally {
                        workersDone.countDown();
                    }
                    return null;
                }));
            }
            futures.add(executor.submit(() -> {
                start.await();
                while (workersDone.getCount() > 0) {
                    sideAction.run();
                    Thread.yield();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
        return new Outcome(leasedCount.get(), exhausted.get(), duplicates.get());
    }
}
