package io.flexgate.ikev2.engine;

import io.flexgate.api.session.SessionListener.DownReason;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping the engine (bundle stop, Karaf shutdown) the way an operator's {@code clear} does, for every IKE SA at
 * once: an INFORMATIONAL DELETE of the IKE SA to each established peer (RFC 7296 section 1.4.1; the answer is not
 * awaited), and every session ended through the normal session-end path, so that the data plane drops its
 * CHILD_SAs, the pool gets its lease back and session listeners (RADIUS accounting Stop) hear of it with
 * {@link DownReason#SHUTDOWN}. Each SA is torn down on its own executor, as all its work is; the whole stop
 * waits at most a bound, and says in one log line what it did.
 */
public final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    /** How long a stop waits for the SAs' executors to send the DELETEs and end the sessions. */
    public static final Duration BOUND = Duration.ofSeconds(2);
    /** How often the wait looks for SAs that went away by themselves meanwhile. */
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * What a stop did.
     *
     * @param ikeSas        the IKE SAs there were (established, half-open and rekeyed ones)
     * @param deletesSent   DELETEs sent: one per IKE SA that was established
     * @param sessionsEnded sessions ended through the session-end path
     * @param unfinished    IKE SAs still there when the bound ran out (their executor was busy or full)
     */
    public record Result(int ikeSas, int deletesSent, int sessionsEnded, int unfinished) {
    }

    private GracefulStop() {
    }

    /**
     * Tears every IKE SA of {@code responder} down and waits at most {@code bound} for it. Call it once the
     * transport no longer delivers new datagrams; the executors and the transport must still run (the DELETEs
     * leave through them).
     */
    public static Result run(Responder responder, Duration bound) {
        List<IkeSa> sas = List.copyOf(responder.all());
        AtomicInteger deletes = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        Set<IkeSa> started = ConcurrentHashMap.newKeySet();
        Set<IkeSa> finished = ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(sas.size());
        for (IkeSa sa : sas) {
            boolean queued = responder.onSa(sa, () -> {
                started.add(sa);
                try {
                    boolean established = sa.state == IkeSa.State.ESTABLISHED && sa.ciphers != null;
                    boolean session = responder.sessions.current(sa.sessionId).orElse(null) == sa;
                    responder.informationalExchange().deleteAndRemove(sa, DownReason.SHUTDOWN);
                    if (established) {
                        deletes.incrementAndGet();
                    }
                    if (session) {
                        ended.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{}:stopping the IKE SA failed: {}", sa.logId(), e.toString());
                } finally {
                    finished.add(sa);
                    done.countDown();
                }
            });
            if (!queued) {
                LOG.warn("{}:engine queue full: IKE SA not deleted at stop", sa.logId());
            }
        }
        int unfinished = awaitSettled(responder, sas, started, finished, done, bound);
        LOG.info("IKEv2 engine stopping: {} IKE SA(s): DELETE sent to {} peer(s), {} session(s) ended{}", sas.size(),
                deletes.get(), ended.get(), unfinished == 0 ? "" : ", " + unfinished + " not stopped within "
                        + bound.toMillis() + " ms");
        return new Result(sas.size(), deletes.get(), ended.get(), unfinished);
    }

    /**
     * Waits, at most {@code bound}, until every SA is settled: its task finished, or it went away by itself
     * before its task started (the task is then skipped). Returns how many are not settled.
     */
    private static int awaitSettled(Responder responder, List<IkeSa> sas, Set<IkeSa> started, Set<IkeSa> finished,
            CountDownLatch done, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            while (!done.await(Math.min(CHECK_NANOS, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                if (unsettled(responder, sas, started, finished) == 0 || System.nanoTime() >= deadline) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return unsettled(responder, sas, started, finished);
    }

    private static int unsettled(Responder responder, List<IkeSa> sas, Set<IkeSa> started, Set<IkeSa> finished) {
        Set<IkeSa> present = Collections.newSetFromMap(new IdentityHashMap<>());
        present.addAll(responder.all());
        // An SA leaves the table only on its own executor, where its task runs: one that is gone and whose task
        // has not started is settled (the task will be skipped).
        return (int) sas.stream().filter(sa -> !finished.contains(sa)
                && (started.contains(sa) || present.contains(sa))).count();
    }
}
