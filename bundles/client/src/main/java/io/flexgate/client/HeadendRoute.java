package io.flexgate.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With all traffic routed into the tunnel, the headend itself must stay reachable outside it, or ESP would be
 * routed into its own tunnel: a host route to the headend along the path the kernel takes now ({@code ip route
 * get}), added before the tunnel's routes and removed after them. iproute2 as an argument array, never a shell.
 */
final class HeadendRoute implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeadendRoute.class);
    /** How long one {@code ip} invocation may take. */
    static final long TIMEOUT_SECONDS = 10;
    /** How much of {@code ip}'s output is read. */
    static final int MAX_OUTPUT_BYTES = 4096;
    private static final Pattern VIA = Pattern.compile("\\bvia (\\S+)");
    private static final Pattern DEV = Pattern.compile("\\bdev (\\S+)");

    private final String ip;
    private final List<String> route;

    private HeadendRoute(String ip, List<String> route) {
        this.ip = ip;
        this.route = route;
    }

    /** Pins the route to {@code headend} (IPv4) as it is now. */
    static HeadendRoute pin(String ip, InetAddress headend) throws IOException {
        String now = run(ip, "-4", "route", "get", headend.getHostAddress());
        List<String> route = parse(headend, now).orElseThrow(() -> new IOException("no route to the headend "
                + headend.getHostAddress() + " in: " + now));
        List<String> add = new ArrayList<>(List.of("-4", "route", "replace"));
        add.addAll(route);
        run(ip, add.toArray(String[]::new));
        LOG.info("headend {} pinned outside the tunnel: {}", headend.getHostAddress(), String.join(" ", route));
        return new HeadendRoute(ip, route);
    }

    /** {@code ADDRESS/32 [via GATEWAY] dev DEVICE} from the first line of {@code ip route get}. */
    static Optional<List<String>> parse(InetAddress headend, String routeGet) {
        String first = routeGet.lines().findFirst().orElse("");
        Matcher dev = DEV.matcher(first);
        if (!dev.find()) {
            return Optional.empty();
        }
        List<String> route = new ArrayList<>(List.of(headend.getHostAddress() + "/32"));
        Matcher via = VIA.matcher(first);
        if (via.find()) {
            route.add("via");
            route.add(via.group(1));
        }
        route.add("dev");
        route.add(dev.group(1));
        return Optional.of(route);
    }

    @Override
    public void close() {
        List<String> del = new ArrayList<>(List.of("-4", "route", "del"));
        del.addAll(route);
        try {
            run(ip, del.toArray(String[]::new));
        } catch (IOException e) {
            LOG.warn("could not remove the headend's host route: {}", e.getMessage());
        }
    }

    private static String run(String ip, String... arguments) throws IOException {
        List<String> argv = new ArrayList<>(List.of(ip));
        argv.addAll(List.of(arguments));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8).trim();
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", argv) + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (exit " + p.exitValue() + "): " + output);
        }
        return output;
    }
}
