package io.flexgate.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of {@code connect} and {@code load}: the headend, who we are, whom we trust.
 *
 * @param host        headend name or address (also the expected certificate name unless {@code serverName})
 * @param port        headend IKE port
 * @param user        the user name; in {@code load}, {@value #SESSION_NUMBER} stands for the session's number
 *                    ({@code --user u%d}: users u0, u1, ..., so that one session's INITIAL_CONTACT ends no other)
 * @param method      anyconnect (AnyConnect-EAP with the AnyConnect identity) or mschapv2, md5, gtc
 * @param caFile      PEM file with the CA certificate(s) the server certificate must chain to
 * @param serverName  the name the certificate must carry, when it differs from {@code host}
 * @param group       AnyConnect tunnel group to select, if any
 * @param tunName     TUN device name for {@code connect}
 * @param hold        {@code connect}: seconds to stay up before a clean disconnect (0: until Ctrl-C);
 *                    {@code load}: how long each session stays up
 * @param sessions    {@code load}: number of sessions
 * @param rate        {@code load}: new sessions per second
 * @param noTun       {@code connect}: do not create a TUN (print the parameters only)
 * @param dpd         {@code connect}: dead peer detection interval without inbound traffic (0: off)
 */
record ClientOptions(String host, int port, String user, String method, Optional<Path> caFile,
        Optional<String> serverName, Optional<String> group, String tunName, Duration hold, int sessions, double rate,
        boolean noTun, Duration dpd) {

    /** Bounds of load mode (every input limit a named constant). */
    static final int MAX_SESSIONS = 100_000;
    static final double MAX_RATE = 10_000;
    static final Duration MAX_HOLD = Duration.ofHours(24);
    static final int DEFAULT_PORT = 500;
    /** Dead peer detection: IOS {@code dpd 30 2 on-demand}-like default, and the longest interval. */
    static final int DEFAULT_DPD_SECONDS = 30;
    static final int MAX_DPD_SECONDS = 3600;
    /** In a {@code load} user name: replaced by the number of the session (0, 1, ...). */
    static final String SESSION_NUMBER = "%d";

    /**
     * Parses {@code HOST [--user U] [--method M] [--ca FILE] [--server-name N] [--group G] [--port P]
     * [--tun NAME] [--no-tun] [--dpd S] [--hold S] [--sessions N] [--rate R]}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static ClientOptions parse(List<String> args) {
        List<String> positional = new ArrayList<>();
        String user = System.getProperty("user.name");
        String method = "anyconnect";
        Path ca = null;
        String serverName = null;
        String group = null;
        String tun = "fgc0";
        int port = DEFAULT_PORT;
        long hold = 0;
        int sessions = 1;
        double rate = 1;
        boolean noTun = false;
        int dpd = DEFAULT_DPD_SECONDS;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--user" -> user = value(args, ++i, a);
                case "--method" -> method = value(args, ++i, a);
                case "--ca" -> ca = Path.of(value(args, ++i, a));
                case "--server-name" -> serverName = value(args, ++i, a);
                case "--group" -> group = value(args, ++i, a);
                case "--tun" -> tun = value(args, ++i, a);
                case "--no-tun" -> noTun = true;
                case "--dpd" -> dpd = number(value(args, ++i, a), a, 0, MAX_DPD_SECONDS);
                case "--port" -> port = number(value(args, ++i, a), a, 1, 65_535);
                case "--hold" -> hold = number(value(args, ++i, a), a, 0, (int) MAX_HOLD.toSeconds());
                case "--sessions" -> sessions = number(value(args, ++i, a), a, 1, MAX_SESSIONS);
                case "--rate" -> rate = rate(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 1) {
            throw new IllegalArgumentException("expected one headend (HOST), got " + positional);
        }
        if (!List.of("anyconnect", "mschapv2", "md5", "gtc").contains(method)) {
            throw new IllegalArgumentException("--method must be anyconnect, mschapv2, md5 or gtc");
        }
        return new ClientOptions(positional.get(0), port, user, method, Optional.ofNullable(ca),
                Optional.ofNullable(serverName), Optional.ofNullable(group), tun, Duration.ofSeconds(hold), sessions, rate,
                noTun, Duration.ofSeconds(dpd));
    }

    /** The options of {@code load} session {@code n}: {@link #SESSION_NUMBER} in the user name replaced by n. */
    ClientOptions forSession(long n) {
        return user.contains(SESSION_NUMBER) ? new ClientOptions(host, port, user.replace(SESSION_NUMBER, Long.toString(n)),
                method, caFile, serverName, group, tunName, hold, sessions, rate, noTun, dpd) : this;
    }

    /** The name the server certificate must carry. */
    String expectedServerName() {
        return serverName.orElse(host);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static int number(String v, String option, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // message below
        }
        throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max);
    }

    private static double rate(String v) {
        try {
            double r = Double.parseDouble(v);
            if (r > 0 && r <= MAX_RATE) {
                return r;
            }
        } catch (NumberFormatException e) {
            // message below
        }
        throw new IllegalArgumentException("--rate must be above 0 and at most " + MAX_RATE + " per second");
    }
}
