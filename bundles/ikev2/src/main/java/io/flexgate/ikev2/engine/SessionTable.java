package io.flexgate.ikev2.engine;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.api.session.SessionRegistry;
import io.flexgate.ikev2.config.IkeProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions the responder holds, as the API's read-only {@link SessionRegistry}. Each SA's executor
 * publishes an immutable {@link SessionInfo} when its session comes up, rekeys or goes down; readers get
 * those snapshots with the data plane's counters filled in at read time.
 */
public final class SessionTable implements SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);

    private final Responder responder;
    private final Map<Long, SessionInfo> published = new ConcurrentHashMap<>();
    private final Map<Long, IkeSa> sas = new ConcurrentHashMap<>();
    /** Session IDs by username, so that INITIAL_CONTACT looks at the user's sessions only, not at every SA. */
    private final Map<String, java.util.Set<Long>> byUser = new ConcurrentHashMap<>();

    SessionTable(Responder responder) {
        this.responder = responder;
    }

    @Override
    public List<SessionInfo> sessions() {
        List<SessionInfo> out = new ArrayList<>();
        for (SessionInfo s : published.values()) {
            out.add(withCounters(s));
        }
        out.sort(Comparator.comparingLong(SessionInfo::sessionId));
        return out;
    }

    @Override
    public Optional<SessionInfo> session(long sessionId) {
        return Optional.ofNullable(published.get(sessionId)).map(this::withCounters);
    }

    @Override
    public int clear(Selector selector, DownReason reason) {
        int n = 0;
        for (SessionInfo s : published.values()) {
            if (matches(selector, s)) {
                IkeSa sa = sas.get(s.sessionId());
                if (sa != null && responder.onSa(sa, () -> responder.informationalExchange().deleteAndRemove(sa, reason))) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean matches(Selector selector, SessionInfo s) {
        if (selector instanceof Selector.ById id) {
            return s.sessionId() == id.sessionId();
        }
        if (selector instanceof Selector.ByPeer p) {
            return s.remote().getAddress().equals(p.remote());
        }
        if (selector instanceof Selector.ByUser u) {
            return s.username().equals(u.username());
        }
        if (selector instanceof Selector.ByAssignedAddress a) {
            return s.assignedAddress().map(a.address()::equals).orElse(false);
        }
        return selector instanceof Selector.All;
    }

    /** On the SA's executor: the session is established. */
    void up(IkeSa sa) {
        SessionInfo info = snapshot(sa);
        sas.put(sa.sessionId, sa);
        if (sa.username != null) {
            byUser.compute(sa.username, (user, ids) -> {
                java.util.Set<Long> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
                set.add(sa.sessionId);
                return set;
            });
        }
        published.put(sa.sessionId, info);
        tell("up", l -> l.sessionUp(info));
    }

    /** The IKE SA that carries the session now (a rekey replaces it). */
    Optional<IkeSa> current(long sessionId) {
        return Optional.ofNullable(sas.get(sessionId));
    }

    /**
     * On the new SA's executor: the session was rekeyed (its CHILD_SAs, or its IKE SA: then {@code sa} is the
     * successor and takes the session's place).
     */
    void rekeyed(IkeSa sa) {
        SessionInfo info = snapshot(sa);
        sas.put(sa.sessionId, sa);
        published.put(sa.sessionId, info);
        tell("rekey", l -> l.sessionRekeyed(info));
    }

    /** On the SA's executor: the session's CHILD_SAs changed without a rekey (the peer deleted one). No event. */
    void refresh(IkeSa sa) {
        if (sas.get(sa.sessionId) == sa) {
            published.put(sa.sessionId, snapshot(sa));
        }
    }

    /** Delivers one event to every listener; a failing listener is logged and does not stop the others. */
    private void tell(String event, java.util.function.Consumer<SessionListener> delivery) {
        for (SessionListener l : responder.services.listeners()) {
            try {
                delivery.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("session listener {} failed on session {}: {}", l.getClass().getName(), event, e.toString());
            }
        }
    }

    /** On the SA's executor: the session is gone; SAs and the lease are released here. */
    void down(IkeSa sa, DownReason reason) {
        if (sa.state == IkeSa.State.REKEYED) {
            return; // its successor carries the session
        }
        SessionInfo last = null;
        if (sas.remove(sa.sessionId, sa)) {
            last = published.remove(sa.sessionId);
            if (sa.username != null) {
                byUser.computeIfPresent(sa.username, (user, ids) -> {
                    ids.remove(sa.sessionId);
                    return ids.isEmpty() ? null : ids;
                });
            }
        }
        if (last != null) {
            last = withCounters(last, sa); // final counters: the SA has just left the table
        }
        for (IkeSa.ChildSa child : sa.children) {
            DataPlane dp = sa.childDataPlane;
            if (dp != null) {
                try {
                    dp.remove(child.inboundSpi());
                } catch (RuntimeException e) {
                    LOG.warn("{}:data plane failed to remove CHILD_SA: {}", sa.logId(), e.toString());
                }
            }
        }
        sa.children.clear();
        if (sa.lease != null) {
            sa.leasePool.release(sa.lease);
            sa.lease = null;
        }
        if (sa.virtualAccess > 0) {
            responder.virtualAccess.release(sa.virtualAccess);
        }
        if (last != null) {
            LOG.info("{}:Session down: user '{}' from {} ({})", sa.logId(), sa.username,
                    sa.remote.getAddress().getHostAddress(), reason);
            SessionInfo gone = last;
            tell("down", l -> l.sessionDown(gone, reason));
        }
    }

    /** INITIAL_CONTACT (RFC 7296 section 2.4): older sessions of the same user from the same address end. */
    void replaceOlder(IkeSa sa) {
        java.util.Set<Long> ids = sa.username == null ? null : byUser.get(sa.username);
        if (ids == null) {
            return;
        }
        for (Long id : List.copyOf(ids)) {
            IkeSa other = sas.get(id);
            if (other != null && other != sa && sa.username.equals(other.username)
                    && other.remote.getAddress().equals(sa.remote.getAddress())) {
                responder.onSa(other, () -> responder.informationalExchange().deleteAndRemove(other, DownReason.REPLACED));
            }
        }
    }

    /** A snapshot of the SA as the API shows it. On the SA's executor. */
    SessionInfo snapshot(IkeSa sa) {
        IkeProfile p = sa.profile;
        var t = sa.transforms;
        io.flexgate.ikev2.config.Cipher cipher = new io.flexgate.ikev2.config.Cipher(t.encr(), t.encrKeyBits());
        // Names shared by many sessions are interned: a held session keeps one snapshot (heap per session).
        SessionInfo.IkeSaInfo ike = new SessionInfo.IkeSaInfo(sa.initiatorSpi, sa.responderSpi, cipher.iosName().intern(),
                t.encrKeyBits(), hashName(t.prf().name()), cipher.isAead() ? "None" : hashName(t.integ().name()),
                t.dhGroup().value(), "RSA", remoteAuthenticationName(p),
                p == null ? Duration.ZERO : p.lifetime(), sa.natLocal || sa.natRemote || sa.encapsulationForced,
                sa.peerSupportsFragmentation, sa.weInitiated, new long[] {sa.nextRequestId, sa.expectedRequestId},
                p == null ? Duration.ZERO : p.dpd().map(IkeProfile.Dpd::interval).orElse(Duration.ZERO), sa.natLocal,
                sa.natRemote, sa.encapsulationForced);
        List<SessionInfo.ChildSaInfo> children = new ArrayList<>();
        for (IkeSa.ChildSa c : sa.children) {
            children.add(new SessionInfo.ChildSaInfo(c.inboundSpi(), c.outboundSpi(), c.transform().intern(), c.localTs(),
                    c.remoteTs(), ChildSaCounters.ZERO, c.established()));
        }
        return new SessionInfo(sa.sessionId, sa.sessionId, sa.virtualAccess > 0
                ? VirtualAccessNumbers.name(sa.virtualAccess) : "", p == null ? "" : p.name(),
                sa.state == IkeSa.State.ESTABLISHED ? SessionInfo.Status.READY : SessionInfo.Status.NEGOTIATING,
                sa.natLocal(), sa.natRemote(), sa.ourId == null ? "" : AuthExchange.identityText(sa.ourId).intern(), sa.peerIdentityText,
                Optional.ofNullable(sa.eapIdentity), sa.username == null ? "" : sa.username, sa.assignedAddress, ike,
                children, sa.established == null ? sa.created : sa.established);
    }

    private SessionInfo withCounters(SessionInfo s) {
        return withCounters(s, sas.get(s.sessionId()));
    }

    private static SessionInfo withCounters(SessionInfo s, IkeSa sa) {
        DataPlane dp = sa == null ? null : sa.childDataPlane;
        if (dp == null) {
            return s;
        }
        List<SessionInfo.ChildSaInfo> children = new ArrayList<>();
        for (SessionInfo.ChildSaInfo c : s.children()) {
            ChildSaCounters counters = dp.counters(c.inboundSpi()).orElse(c.counters());
            children.add(new SessionInfo.ChildSaInfo(c.inboundSpi(), c.outboundSpi(), c.transform(), c.localSelectors(),
                    c.remoteSelectors(), counters, c.established()));
        }
        return new SessionInfo(s.sessionId(), s.tunnelId(), s.virtualAccess(), s.profile(), s.status(), s.local(),
                s.remote(), s.localId(), s.remoteId(), s.eapIdentity(), s.username(), s.assignedAddress(), s.ike(),
                children, s.established());
    }

    /** How IOS names the peer's authentication in {@code show crypto ikev2 sa detailed}. */
    private static String remoteAuthenticationName(IkeProfile p) {
        if (p == null) {
            return "EAP";
        }
        return switch (p.remoteAuthentication()) {
            case ANYCONNECT_EAP -> "AnyConnect-EAP";
            case RSA_SIG -> "RSA";
            case EAP -> "EAP";
        };
    }

    /** {@code PRF_HMAC_SHA2_256} → {@code SHA256}, as IOS prints PRF and Hash. */
    private static String hashName(String iana) {
        String n = iana.replace("PRF_HMAC_", "").replace("AUTH_HMAC_", "").replace("SHA2_", "SHA");
        int cut = n.indexOf('_');
        return (cut > 0 ? n.substring(0, cut) : n).intern();
    }
}
