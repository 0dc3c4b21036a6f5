package io.flexgate.aaa.radius.accounting;

import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOS accounting method lists ({@code aaa accounting network LIST start-stop group radius}, named by the IKEv2
 * profile with {@code aaa accounting eap LIST}): each session is accounted through the route its profile
 * gives when it comes up, and stays on that route until its Stop, even when the configuration changes in
 * between. A route has its own spool directory and delivery thread, so a silent server group delays only the
 * records of the lists that use it. Routes whose spool still holds records from before a restart are opened
 * at once, so those records go out without waiting for a new session.
 */
public final class AccountingRouter implements SessionListener, AutoCloseable {

    /** A route name: {@code list NAME} (a method list) or {@code group NAME} (a server group by itself). */
    static final Pattern ROUTE = Pattern.compile("(list|group) [A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    private static final Logger LOG = LoggerFactory.getLogger(AccountingRouter.class);

    /** Where sessions are accounted, asked by the router at each use. */
    public interface Routes {

        /** The route of a session ({@code list NAME}), from its profile; empty: the session is not accounted. */
        Optional<String> routeOf(SessionInfo session);

        /** The RADIUS server groups a route sends to now, in its order; groups without a server left out. */
        List<RadiusGroup> groupsOf(String route);
    }

    /** Delivery settings shared by every route. */
    public record Settings(Path spoolBase, String nasIdentifier, Duration retryInterval, Clock clock) {
    }

    private record Channel(AccountingSender sender, RadiusAccounting accounting) {
    }

    private record Open(Channel channel, SessionInfo last) {
    }

    private final Routes routes;
    private final Settings settings;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<Long, Open> open = new ConcurrentHashMap<>();

    public AccountingRouter(Routes routes, Settings settings) throws IOException {
        this.routes = routes;
        this.settings = settings;
        Files.createDirectories(settings.spoolBase());
        try (Stream<Path> dirs = Files.list(settings.spoolBase())) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String route = d.getFileName().toString().replaceFirst("-", " ");
                if (ROUTE.matcher(route).matches()) {
                    channel(route);
                }
            }
        }
    }

    /** The spool directory of a route ({@code list NAME} -> {@code list-NAME}). */
    static Path directory(Path base, String route) {
        if (!ROUTE.matcher(route).matches()) {
            throw new IllegalArgumentException("not an accounting route (list or group, then a name of up to 64 "
                    + "letters, digits, '_', '.', '-'): '" + route + "'");
        }
        return base.resolve(route.replaceFirst(" ", "-"));
    }

    private Channel channel(String route) {
        return channels.computeIfAbsent(route, r -> {
            try {
                AccountingSender sender = new AccountingSender(r, new AccountingSpool(directory(settings.spoolBase(),
                        r)), () -> routes.groupsOf(r), settings.retryInterval(), settings.clock());
                return new Channel(sender, new RadiusAccounting(sender, settings.nasIdentifier(), settings.clock()));
            } catch (IOException e) {
                throw new IllegalStateException("radius accounting " + r + ": cannot open its spool: " + e, e);
            }
        });
    }

    private Optional<Channel> route(SessionInfo session) {
        Optional<String> route = routes.routeOf(session);
        if (route.isEmpty()) {
            LOG.debug("session {}: profile {} names no RADIUS accounting", session.sessionId(), session.profile());
            return Optional.empty();
        }
        try {
            return Optional.of(channel(route.get()));
        } catch (RuntimeException e) {
            LOG.error("session {}: not accounted: {}", session.sessionId(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void sessionUp(SessionInfo session) {
        route(session).ifPresent(c -> {
            open.put(session.sessionId(), new Open(c, session));
            c.accounting().sessionUp(session);
        });
    }

    @Override
    public void sessionRekeyed(SessionInfo session) {
        open.computeIfPresent(session.sessionId(), (id, o) -> new Open(o.channel(), session));
    }

    @Override
    public void sessionInterim(SessionInfo session) {
        Open o = open.computeIfPresent(session.sessionId(), (id, old) -> new Open(old.channel(), session));
        if (o != null) {
            o.channel().accounting().sessionInterim(session);
        }
    }

    /** {@code aaa accounting update periodic}: an Interim-Update for every open session in {@code sessions}. */
    public void interimAll(Collection<SessionInfo> sessions) {
        sessions.forEach(this::sessionInterim);
    }

    @Override
    public void sessionDown(SessionInfo session, DownReason reason) {
        Open o = open.remove(session.sessionId());
        Optional<Channel> c = o != null ? Optional.of(o.channel()) : route(session);
        c.ifPresent(ch -> ch.accounting().sessionDown(session, reason));
    }

    /**
     * Accounting-Stop for every session still open, with the freshest counters {@code current} has (else the
     * last ones seen): the gateway stops, and this listener goes before the engine could report the ends.
     *
     * @return how many Stops were spooled
     */
    public int stopAll(Collection<SessionInfo> current, DownReason reason) {
        Map<Long, SessionInfo> fresh = new ConcurrentHashMap<>();
        current.forEach(s -> fresh.put(s.sessionId(), s));
        int n = 0;
        for (Long id : List.copyOf(open.keySet())) {
            Open o = open.remove(id);
            if (o != null) {
                o.channel().accounting().sessionDown(fresh.getOrDefault(id, o.last()), reason);
                n++;
            }
        }
        return n;
    }

    /** A server group or a list came: every route tries its waiting records now rather than at its next retry. */
    public void kick() {
        channels.values().forEach(c -> c.sender().kick());
    }

    /** Sessions with a Start and no Stop yet. */
    public int openSessions() {
        return open.size();
    }

    /** Completes when every route's spool is empty (see {@link AccountingSender#whenEmpty()}). */
    public CompletableFuture<Void> whenEmpty() {
        return CompletableFuture.allOf(channels.values().stream().map(c -> c.sender().whenEmpty())
                .toArray(CompletableFuture[]::new));
    }

    /** Records waiting on a route (0 when the route was never opened); for tests and the log. */
    public int pending(String route) throws Exception {
        Channel c = channels.get(route);
        return c == null ? 0 : c.sender().pending();
    }

    /** Stops delivery; unacknowledged records stay spooled for the next start. */
    @Override
    public void close() {
        channels.values().forEach(c -> c.sender().close());
    }
}
