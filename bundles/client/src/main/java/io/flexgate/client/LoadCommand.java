package io.flexgate.client;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.engine.SerialExecutors;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.initiator.InitiatorResult;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./flexgate load --sessions N --rate R --hold S HOST}: N sessions started at R per second from one
 * process (no TUN), each held S seconds and then deleted. Prints live progress each second, then setups per
 * second, setup latency p50/p99, failures by reason and the client's CPU time per setup. Bounded in count
 * ({@link ClientOptions#MAX_SESSIONS}) and time (every start, plus the hold, plus {@link #GRACE}).
 */
final class LoadCommand {

    /** Time after the last start and the hold for the last answers and deletes. */
    static final Duration GRACE = Duration.ofSeconds(60);
    /**
     * Sessions alive at once. Each has a socket (a file descriptor; this machine allows 20,000 per process); one
     * shared thread reads them all.
     */
    static final int MAX_CONCURRENT = 10_000;
    private static final int STRIPES = 4;

    private final PrintStream out;
    private final PrintStream err;

    LoadCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(ClientOptions o) throws Exception {
        if (o.caFile().isEmpty()) {
            err.println("flexgate load: --ca FILE is required (the CA certificate that issued the headend's)");
            return ConnectCommand.EXIT_OTHER;
        }
        if (o.sessions() > MAX_CONCURRENT && o.hold().toMillis() * o.rate() / 1000 > MAX_CONCURRENT) {
            err.println("flexgate load: at most " + MAX_CONCURRENT + " sessions may be up at once; lower --hold or --rate");
            return ConnectCommand.EXIT_OTHER;
        }
        List<X509Certificate> cas = ClientSession.loadCas(o.caFile().get());
        InetSocketAddress headend = new InetSocketAddress(InetAddress.getByName(o.host()), o.port());
        Secret password = ConnectCommand.readPassword(o.user());
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> ClientSession.daemon(r, "flexgate-load"));
        AtomicInteger started = new AtomicInteger();
        ConcurrentLinkedQueue<ClientSession> live = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        AtomicInteger up = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(o.sessions());
        long cpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        long[] lastSetup = {wallStart};
        try (SerialExecutors executors = new SerialExecutors(STRIPES, "flexgate-load");
                SharedUdpReceiver receiver = new SharedUdpReceiver("flexgate-load-udp")) {
            // An established load session sends nothing of its own (no DPD in load mode) until its DELETE, so only
            // the others need the timer: with 10,000 idle sessions per generator ticking all of them cost a core.
            timer.scheduleAtFixedRate(() -> live.forEach(s -> {
                if (s.state() != IkeInitiator.State.ESTABLISHED) {
                    s.tick();
                }
            }), ClientSession.TICK.toMillis(),
                    ClientSession.TICK.toMillis(), TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(() -> out.printf("started %d, up %d, failed %d%n", started.get(), up.get(),
                    failures.values().stream().mapToInt(AtomicInteger::get).sum()), 1, 1, TimeUnit.SECONDS);
            for (int i = 0; i < o.sessions(); i++) {
                long stripe = i;
                timer.schedule(() -> started.incrementAndGet() > 0 && startOne(o, headend, cas, password, executors, receiver,
                        stripe, live, latenciesNanos, failures, up, done, timer, lastSetup),
                        (long) (i * 1_000_000_000L / o.rate()), TimeUnit.NANOSECONDS);
            }
            long bound = (long) (o.sessions() / o.rate() * 1000) + o.hold().toMillis() + GRACE.toMillis();
            boolean finished = done.await(bound, TimeUnit.MILLISECONDS);
            long cpu = processCpuNanos() - cpuStart;
            report(o, latenciesNanos, failures, lastSetup[0] - wallStart, cpu, finished);
            live.forEach(ClientSession::close);
            return failures.isEmpty() && finished ? 0 : ConnectCommand.EXIT_OTHER;
        } finally {
            password.wipe();
            timer.shutdownNow();
        }
    }

    private boolean startOne(ClientOptions o, InetSocketAddress headend, List<X509Certificate> cas, Secret password,
            SerialExecutors executors, SharedUdpReceiver receiver, long stripe, ConcurrentLinkedQueue<ClientSession> live,
            ConcurrentLinkedQueue<Long> latencies, Map<String, AtomicInteger> failures, AtomicInteger up,
            CountDownLatch done, ScheduledExecutorService timer, long[] lastSetup) {
        ClientSession session;
        try {
            session = new ClientSession(o.forSession(stripe), headend, cas, password,
                    task -> executors.execute(stripe % STRIPES, task), s -> { }, receiver);
        } catch (java.io.IOException | RuntimeException e) {
            failures.computeIfAbsent("LOCAL " + e.getMessage(), k -> new AtomicInteger()).incrementAndGet();
            done.countDown();
            return false;
        }
        live.add(session);
        long t0 = System.nanoTime();
        session.start().whenComplete((result, error) -> {
            if (result instanceof InitiatorResult.Established) {
                long now = System.nanoTime();
                latencies.add(now - t0);
                synchronized (lastSetup) {
                    lastSetup[0] = Math.max(lastSetup[0], now);
                }
                up.incrementAndGet();
                timer.schedule(() -> session.disconnect().whenComplete((why, e) -> {
                    up.decrementAndGet();
                    live.remove(session);
                    session.close();
                    done.countDown();
                }), o.hold().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                String reason = result instanceof InitiatorResult.Failed f
                        ? f.reason() + f.notifyType().map(n -> " " + n.name()).orElse("") : "ERROR " + error;
                failures.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
                live.remove(session);
                session.close();
                done.countDown();
            }
        });
        return true;
    }

    private void report(ClientOptions o, ConcurrentLinkedQueue<Long> latencies, Map<String, AtomicInteger> failures,
            long setupWindowNanos, long cpuNanos, boolean finished) {
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        int ok = sorted.size();
        int failed = failures.values().stream().mapToInt(AtomicInteger::get).sum();
        out.printf("sessions %d, established %d, failed %d%s%n", o.sessions(), ok, failed, finished ? ""
                : ", unfinished " + (o.sessions() - ok - failed) + " (time bound reached)");
        if (ok > 0) {
            out.printf("setups/s %.1f%n", ok / Math.max(setupWindowNanos / 1e9, 1e-3));
            out.printf("latency p50 %.1f ms, p99 %.1f ms%n", percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
            out.printf("client CPU per setup %.2f ms%n", cpuNanos / 1e6 / ok);
        }
        new TreeMap<>(failures).forEach((reason, n) -> out.printf("failures %s: %d%n", reason, n.get()));
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
