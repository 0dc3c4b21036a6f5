package io.flexgate.tun.linux;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.api.tun.TunFactory.TunSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: a bounded measurement of what one session's route costs, through an {@code ip route} process each
 * (the data plane before) and through the device's rtnetlink socket (now). Run as root in a network namespace of
 * its own, e.g. {@code ip netns exec NS java -cp ... io.flexgate.tun.linux.RouteCost [rounds]}; prints the median
 * and 90th percentile in microseconds of adding and of removing one /32 route, and the CPU per change (this
 * thread's, plus the children's for the processes).
 */
public final class RouteCost {

    /** Rounds when none is given, and the most accepted. */
    static final int DEFAULT_ROUNDS = 200;
    static final int MAX_ROUNDS = 5_000;
    static final int WARM_UP = 20;

    private RouteCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Math.min(MAX_ROUNDS, args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS);
        LinuxTunFactory factory = new LinuxTunFactory(LinuxTunFactory.DEFAULT_DEVICE_PATH,
                LinuxTunFactory.DEFAULT_IP_COMMAND);
        try (TunDevice device = factory.open(new TunSpec("fg-bench", 1400,
                Optional.of(InetAddress.getByName("10.0.0.1")), Optional.empty()))) {
            long[][] process = measure(rounds, p -> ip("route", "replace", p.toString(), "dev", "fg-bench"),
                    p -> ip("route", "del", p.toString(), "dev", "fg-bench"));
            long[][] netlink = measure(rounds, device::addRoute, device::removeRoute);
            report("ip route process", process);
            report("rtnetlink socket", netlink);
        } finally {
            factory.deactivate();
        }
    }

    interface RouteChange {
        void apply(IpPrefix prefix) throws IOException;
    }

    private static long[][] measure(int rounds, RouteChange add, RouteChange remove) throws IOException {
        long[] adds = new long[rounds];
        long[] removes = new long[rounds];
        long cpu0 = 0;
        long children0 = 0;
        for (int i = -WARM_UP; i < rounds; i++) {
            int n = Math.floorMod(i, 250) + 1;
            IpPrefix prefix = IpPrefix.parse("192.168.200." + n + "/32");
            if (i == 0) {
                cpu0 = THREADS.getCurrentThreadCpuTime();
                children0 = childrenCpuNanos();
            }
            long t0 = System.nanoTime();
            add.apply(prefix);
            long t1 = System.nanoTime();
            remove.apply(prefix);
            long t2 = System.nanoTime();
            if (i >= 0) {
                adds[i] = t1 - t0;
                removes[i] = t2 - t1;
            }
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0 + childrenCpuNanos() - children0;
        return new long[][] {adds, removes, {cpu / (2L * rounds)}};
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    /** USER_HZ of /proc/self/stat on Linux. */
    static final long CLOCK_TICK_NANOS = 10_000_000L;

    /** CPU of the waited-for child processes (cutime + cstime, fields 16 and 17 of /proc/self/stat). */
    private static long childrenCpuNanos() throws IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): cutime is field 16, cstime field 17
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * CLOCK_TICK_NANOS;
    }

    private static void report(String how, long[][] samples) {
        System.out.printf("%-18s add: median %7.1f us, p90 %7.1f us   remove: median %7.1f us, p90 %7.1f us"
                + "   CPU per change %7.1f us (%d rounds)%n", how, percentile(samples[0], 50),
                percentile(samples[0], 90), percentile(samples[1], 50), percentile(samples[1], 90),
                samples[2][0] / 1000.0, samples[0].length);
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }

    private static void ip(String... arguments) throws IOException {
        String[] argv = new String[arguments.length + 1];
        argv[0] = "ip";
        System.arraycopy(arguments, 0, argv, 1, arguments.length);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", argv) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
