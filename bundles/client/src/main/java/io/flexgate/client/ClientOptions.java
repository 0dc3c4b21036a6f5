package io.flexgate.client;

import io.flexgate.ikev2.crypto.DhGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * @param sources     our source addresses ({@code load}: session n uses the n-th, round robin); empty: the kernel's
 *                    choice
 * @param initialContact whether IKE_AUTH carries INITIAL_CONTACT (RFC 7296 section 2.4), which makes a headend drop
 *                    the user's other sessions; {@code --no-initial-contact} for load runs with one user
 * @param groups      key exchange groups offered, the first in our KE payload
 */
record ClientOptions(String host, int port, String user, String method, Optional<Path> caFile,
        Optional<String> serverName, Optional<String> group, String tunName, Duration hold, int sessions, double rate,
        boolean noTun, Duration dpd, List<InetAddress> sources, boolean initialContact, List<DhGroup> groups) {

    /** Groups offered by default, preferred first: what the seed's IOS smart defaults choose first. */
    static final List<DhGroup> DEFAULT_GROUPS = List.of(DhGroup.ECP_256, DhGroup.CURVE25519, DhGroup.MODP_2048);
    /** Most source addresses and groups on one command line. */
    static final int MAX_LIST = 256;

    ClientOptions {
        sources = List.copyOf(sources);
        groups = List.copyOf(groups);
    }

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
     * [--tun NAME] [--no-tun] [--dpd S] [--hold S] [--sessions N] [--rate R] [--source A,B] [--no-initial-contact]
     * [--dh G,G] [--profile FILE]}. With {@code --profile}, HOST is optional and names a HostEntry of the
     * AnyConnect profile's ServerList (its HostName or HostAddress; the first when absent): the entry gives the
     * address, and the tunnel group and EAP method unless given on the command line.
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
        List<InetAddress> sources = List.of();
        boolean initialContact = true;
        List<DhGroup> groups = DEFAULT_GROUPS;
        Path profile = null;
        boolean methodGiven = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--user" -> user = value(args, ++i, a);
                case "--method" -> {
                    method = value(args, ++i, a);
                    methodGiven = true;
                }
                case "--source" -> sources = addresses(value(args, ++i, a));
                case "--no-initial-contact" -> initialContact = false;
                case "--dh" -> groups = groups(value(args, ++i, a));
                case "--profile" -> profile = Path.of(value(args, ++i, a));
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
        if (positional.size() > 1 || positional.isEmpty() && profile == null) {
            throw new IllegalArgumentException("expected one headend (HOST), got " + positional);
        }
        String host = positional.isEmpty() ? null : positional.get(0);
        if (profile != null) {
            ServerList.HostEntry entry;
            try {
                entry = ServerList.pick(ServerList.read(profile), Optional.ofNullable(host), profile);
            } catch (IOException e) {
                throw new IllegalArgumentException("--profile " + profile + ": " + e.getMessage(), e);
            }
            host = entry.address();
            group = group != null ? group : entry.userGroup().orElse(null);
            method = methodGiven ? method : entry.eapMethod().orElse(method);
        }
        if (!List.of("anyconnect", "mschapv2", "md5", "gtc").contains(method)) {
            throw new IllegalArgumentException("--method must be anyconnect, mschapv2, md5 or gtc");
        }
        return new ClientOptions(host, port, user, method, Optional.ofNullable(ca),
                Optional.ofNullable(serverName), Optional.ofNullable(group), tun, Duration.ofSeconds(hold), sessions, rate,
                noTun, Duration.ofSeconds(dpd), sources, initialContact, groups);
    }

    /**
     * The options of {@code load} session {@code n}: {@link #SESSION_NUMBER} in the user name replaced by n, and
     * the n-th source address (round robin) as the only one.
     */
    ClientOptions forSession(long n) {
        String u = user.contains(SESSION_NUMBER) ? user.replace(SESSION_NUMBER, Long.toString(n)) : user;
        List<InetAddress> s = sources.isEmpty() ? sources : List.of(sources.get((int) (n % sources.size())));
        return u.equals(user) && s.equals(sources) ? this : new ClientOptions(host, port, u, method, caFile, serverName,
                group, tunName, hold, sessions, rate, noTun, dpd, s, initialContact, groups);
    }

    /** The source address to bind to, if one was given. */
    Optional<InetAddress> source() {
        return sources.stream().findFirst();
    }

    private static List<InetAddress> addresses(String list) {
        List<InetAddress> out = new ArrayList<>();
        for (String a : list.split(",", -1)) {
            if (!a.matches("[0-9A-Fa-f:.]+") || out.size() >= MAX_LIST) {
                throw new IllegalArgumentException("--source takes up to " + MAX_LIST
                        + " comma-separated addresses, not '" + a + "'");
            }
            try {
                out.add(InetAddress.getByName(a));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--source: '" + a + "' is not an address", e);
            }
        }
        return out;
    }

    /** {@code --dh 19,31,14}: IANA group numbers (RFC 7296 section 3.3.2), each one we implement. */
    private static List<DhGroup> groups(String list) {
        List<DhGroup> out = new ArrayList<>();
        for (String g : list.split(",", -1)) {
            int n = number(g.trim(), "--dh", 1, 65_535);
            DhGroup group = DhGroup.valueOf(n);
            if (!io.flexgate.ikev2.crypto.CryptoSuite.defaults().keyExchange(group).isPresent() || out.size() >= MAX_LIST) {
                throw new IllegalArgumentException("--dh: group " + n + " is not available (e.g. 19 ECP-256, 20 ECP-384,"
                        + " 31 Curve25519, 14 MODP-2048)");
            }
            out.add(group);
        }
        return out;
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
