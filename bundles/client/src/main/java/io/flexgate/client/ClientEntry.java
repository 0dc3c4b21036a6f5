package io.flexgate.client;

import io.flexgate.api.client.ClientSessionInfo;
import io.flexgate.api.client.ClientSessionInfo.State;
import io.flexgate.api.client.ConnectRequest;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.ikev2.initiator.TunnelParameters;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One session of the Karaf client: its serial thread, the initiator's session, its timers and tunnel, and the
 * state {@code client:status} shows. State changes are synchronized; the end is idempotent.
 */
final class ClientEntry {

    private final ConnectRequest request;
    private final Clock clock;
    private final ExecutorService serial;
    private ClientSession session;
    private Future<?> tick;
    private Future<?> dpd;
    private ClientTunnel tunnel;
    private TunnelParameters parameters;
    private State state = State.CONNECTING;
    private Instant since;
    private String detail = "";
    /** The last counters of a tunnel that is closed now. */
    private ChildSaCounters finalCounters = ChildSaCounters.ZERO;

    ClientEntry(ConnectRequest request, Clock clock) {
        this.request = request;
        this.clock = clock;
        this.since = clock.instant();
        this.serial = Executors.newSingleThreadExecutor(r -> ClientSession.daemon(r, "flexgate-client-" + request.name()));
    }

    String name() {
        return request.name();
    }

    ConnectRequest request() {
        return request;
    }

    ExecutorService serial() {
        return serial;
    }

    synchronized ClientSession session() {
        return session;
    }

    synchronized void session(ClientSession s, Future<?> ticking) {
        this.session = s;
        this.tick = ticking;
    }

    synchronized void dpd(Future<?> running) {
        this.dpd = running;
    }

    synchronized void tunnel(ClientTunnel t) {
        this.tunnel = t;
    }

    synchronized Optional<ClientTunnel> tunnel() {
        return Optional.ofNullable(tunnel);
    }

    synchronized State state() {
        return state;
    }

    /** Connecting or connected. */
    synchronized boolean isLive() {
        return state == State.CONNECTING || state == State.CONNECTED;
    }

    synchronized void connected(TunnelParameters granted, String what) {
        if (state != State.CONNECTING) {
            return;
        }
        parameters = granted;
        enter(State.CONNECTED, what);
    }

    void failed(String why) {
        end(State.FAILED, why);
    }

    void ended(String why) {
        end(State.DISCONNECTED, why);
    }

    private void end(State next, String why) {
        ClientTunnel t;
        ClientSession s;
        synchronized (this) {
            if (state == State.FAILED || state == State.DISCONNECTED) {
                return;
            }
            enter(next, why);
            t = tunnel;
            s = session;
            tunnel = null;
            if (t != null) {
                finalCounters = t.counters();
            }
            cancel(tick);
            cancel(dpd);
        }
        if (t != null) {
            t.close();
        }
        if (s != null) {
            s.close();
        }
        serial.shutdown();
    }

    /** Closes what was made before a session existed (its socket could not be opened). */
    void close() {
        serial.shutdown();
    }

    private static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private void enter(State next, String why) {
        state = next;
        detail = why;
        since = clock.instant();
    }

    synchronized ClientSessionInfo info() {
        Optional<TunnelParameters> p = Optional.ofNullable(parameters);
        ChildSaCounters counters = tunnel != null ? tunnel.counters() : finalCounters;
        return new ClientSessionInfo(request.name(), request.host() + ":" + request.port(), request.user(),
                request.eapMethod(), state, since, p.flatMap(TunnelParameters::address),
                p.map(TunnelParameters::dnsServers).orElse(List.of()),
                tunnel != null ? tunnel.routes() : p.map(TunnelParameters::splitRoutes).orElse(List.of()),
                tunnel != null ? tunnel.deviceName() : Optional.empty(), counters, detail);
    }
}
