package io.flexgate.aaa.radius.accounting;

import io.flexgate.aaa.radius.client.Exchange;
import io.flexgate.aaa.radius.client.RadiusClient;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers accounting records in order through a server group. Every record is first written to the
 * {@link AccountingSpool} (so none is lost when the gateway stops), then sent, oldest first, one at a time;
 * it leaves the spool when a server answered with Accounting-Response. When no server answers, delivery
 * pauses for {@code retryInterval} and resumes with the same record: later records wait behind it, so a
 * server sees Start before Interim before Stop. Acct-Delay-Time tells the server how old a record is (RFC
 * 2866 section 5.2); each new attempt is a new request with a new identifier, because that attribute changed.
 *
 * <p>One thread owns the spool; callers only enqueue.
 */
public final class AccountingSender implements AutoCloseable {

    /**
     * How soon delivery looks again when no group (or no group with a server) is configured yet: no packet is
     * sent for that look, and the group usually comes within the same start.
     */
    static final Duration CONFIGURATION_RECHECK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(AccountingSender.class);

    private final String name;
    private final AccountingSpool spool;
    private final Supplier<List<RadiusGroup>> groups;
    private final Duration retryInterval;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final List<CompletableFuture<Void>> emptyWaiters = new ArrayList<>();
    private boolean sending;
    private boolean retryScheduled;

    /**
     * @param groups the groups of the method list that exist now, in its order ({@code start-stop group A group
     *               B}; empty while none is configured): a record goes to the next group only when no server of
     *               the previous one answered
     */
    public AccountingSender(String name, AccountingSpool spool, Supplier<List<RadiusGroup>> groups,
            Duration retryInterval, Clock clock) {
        this.name = name;
        this.spool = spool;
        this.groups = groups;
        this.retryInterval = retryInterval;
        this.clock = clock;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "radius-accounting-" + name);
            t.setDaemon(true);
            return t;
        });
        // on close: finish the records being spooled, forget the pending retry timer
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = executor;
        worker.execute(this::drain);
    }

    /** Spools a record (on the delivery thread) and starts delivery; never blocks the caller. */
    public void submit(List<RadiusAttribute> attributes) {
        Instant created = clock.instant();
        try {
            worker.execute(() -> {
                try {
                    if (spool.append(created, attributes).isEmpty()) {
                        LOG.error("radius accounting {}: spool full ({} records), record dropped", name, spool.size());
                    }
                } catch (IOException e) {
                    LOG.error("radius accounting {}: cannot spool a record, dropped: {}", name, e.toString());
                }
                drain();
            });
        } catch (RejectedExecutionException e) {
            LOG.error("radius accounting {}: stopped, record dropped", name);
        }
    }

    /** Records waiting; read on the delivery thread (for tests and the log). */
    public int pending() throws Exception {
        return worker.submit(spool::size).get();
    }

    /**
     * Completes once every record spooled so far was acknowledged (at once when the spool is empty); used to
     * give delivery a bounded chance before a stop. Never completes while no server answers.
     */
    public CompletableFuture<Void> whenEmpty() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                emptyWaiters.add(done);
                drain();
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Asks for a delivery attempt now (a server came back, a test). */
    public void kick() {
        worker.execute(() -> {
            retryScheduled = false;
            drain();
        });
    }

    private void drain() {
        if (sending || retryScheduled) {
            return;
        }
        Optional<AccountingRecord> next;
        try {
            next = spool.oldest();
        } catch (IOException e) {
            LOG.error("radius accounting {}: cannot read the spool: {}", name, e.toString());
            retryLater();
            return;
        }
        if (next.isEmpty()) {
            emptyWaiters.forEach(w -> w.complete(null));
            emptyWaiters.clear();
            return;
        }
        List<RadiusGroup> g = groups.get();
        if (g.isEmpty()) {
            LOG.debug("radius accounting {}: no server group with servers yet, {} records wait", name, spool.size());
            retryLater(CONFIGURATION_RECHECK);
            return;
        }
        send(next.get(), g, 0);
    }

    private void send(AccountingRecord record, List<RadiusGroup> groups, int index) {
        sending = true;
        RadiusGroup g = groups.get(index);
        g.client().send(g.servers(), RadiusClient.Port.ACCOUNTING, (id, auth, key) -> request(record, id, key))
                .whenComplete((ex, error) -> {
                    try {
                        worker.execute(() -> delivered(record, groups, index, ex, error));
                    } catch (RejectedExecutionException e) {
                        LOG.debug("radius accounting {}: stopped; record {} stays spooled", name, record.sequence());
                    }
                });
    }

    private RadiusPacket request(AccountingRecord record, int identifier, byte[] key) {
        List<RadiusAttribute> attrs = new ArrayList<>(record.attributes());
        long delay = Math.max(0, Duration.between(record.created(), clock.instant()).getSeconds());
        attrs.add(RadiusAttribute.integer(RadiusAttributeType.ACCT_DELAY_TIME, Math.min(delay, 0xffffffffL)));
        attrs.add(RadiusAttribute.integer(RadiusAttributeType.EVENT_TIMESTAMP, record.created().getEpochSecond()));
        return RadiusSecurity.signRequest(RadiusPacket.of(RadiusCode.ACCOUNTING_REQUEST, identifier, attrs), key);
    }

    private void delivered(AccountingRecord record, List<RadiusGroup> groups, int index, Exchange ex,
            Throwable error) {
        sending = false;
        if (ex instanceof Exchange.Answered a) {
            try {
                spool.remove(record.sequence());
            } catch (IOException e) {
                LOG.error("radius accounting {}: cannot remove delivered record {}: {}", name, record.sequence(),
                        e.toString());
                retryLater();
                return;
            }
            LOG.debug("radius accounting {}: record {} acknowledged by {}", name, record.sequence(), a.server().name());
            drain();
            return;
        }
        String why = error != null ? error.toString() : ((Exchange.NoAnswer) ex).reason();
        if (index + 1 < groups.size()) {
            LOG.warn("radius accounting {}: group {} did not take record {} ({}); trying group {}", name,
                    groups.get(index).name(), record.sequence(), why, groups.get(index + 1).name());
            send(record, groups, index + 1);
            return;
        }
        LOG.warn("radius accounting {}: no server took record {} ({}); {} records wait, next try in {}", name,
                record.sequence(), why, spool.size(), retryInterval);
        retryLater();
    }

    private void retryLater() {
        retryLater(retryInterval);
    }

    private void retryLater(Duration pause) {
        if (!retryScheduled) {
            retryScheduled = true;
            worker.schedule(() -> {
                retryScheduled = false;
                drain();
            }, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Stops delivering; records already submitted are spooled first (an interrupt could cut a write), and
     * what is not acknowledged stays in the spool for the next start.
     */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
