package io.flexgate.ikev2.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of single-threaded executors: all work of one IKE SA runs on the one its SPI selects, so SA
 * state needs no locks, and there is no thread per SA. Queues are bounded: when one is full the work is
 * refused (a flood must not grow memory) and the caller drops the message, as a lost datagram.
 */
public final class SerialExecutors implements AutoCloseable {

    /** Tasks one stripe may hold waiting. */
    public static final int QUEUE_CAPACITY = 10_000;

    private final List<ExecutorService> stripes;

    public SerialExecutors(int count, String namePrefix) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one executor");
        }
        List<ExecutorService> s = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = namePrefix + "-" + i;
            s.add(new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE_CAPACITY),
                    r -> {
                        Thread t = new Thread(r, name);
                        t.setDaemon(true);
                        return t;
                    }));
        }
        stripes = List.copyOf(s);
    }

    /** The executor of the SA with this SPI (our SPI: the responder's for SAs we answer). */
    public ExecutorService forSpi(long spi) {
        return stripes.get(Math.floorMod(Long.hashCode(spi * 0x9E3779B97F4A7C15L), stripes.size()));
    }

    /**
     * Runs {@code task} on the SA's executor.
     *
     * @return false when that executor's queue is full or it is shut down
     */
    public boolean execute(long spi, Runnable task) {
        try {
            forSpi(spi).execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stripes.forEach(ExecutorService::shutdown);
        for (ExecutorService e : stripes) {
            try {
                if (!e.awaitTermination(5, TimeUnit.SECONDS)) {
                    e.shutdownNow();
                }
            } catch (InterruptedException ie) {
                e.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

}
