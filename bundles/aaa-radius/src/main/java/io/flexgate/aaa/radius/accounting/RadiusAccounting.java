package io.flexgate.aaa.radius.accounting;

import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records of one accounting route ({@link AccountingRouter}): Accounting-Start when a session comes up,
 * Interim-Update when the engine or the periodic timer asks (for sessions it started), Accounting-Stop with
 * the final counters and the terminate cause when it goes. Never blocks the engine: records go to the
 * {@link AccountingSender}'s own thread.
 */
public final class RadiusAccounting implements SessionListener {

    private final AccountingSender sender;
    private final String nasIdentifier;
    private final Clock clock;
    private final Set<Long> started = ConcurrentHashMap.newKeySet();

    public RadiusAccounting(AccountingSender sender, String nasIdentifier, Clock clock) {
        this.sender = sender;
        this.nasIdentifier = nasIdentifier;
        this.clock = clock;
    }

    @Override
    public void sessionUp(SessionInfo session) {
        if (started.add(session.sessionId())) {
            sender.submit(SessionAttributes.start(session, nasIdentifier));
        }
    }

    @Override
    public void sessionInterim(SessionInfo session) {
        if (started.contains(session.sessionId())) {
            sender.submit(SessionAttributes.interim(session, nasIdentifier, clock.instant()));
        }
    }

    @Override
    public void sessionDown(SessionInfo session, DownReason reason) {
        started.remove(session.sessionId());
        sender.submit(SessionAttributes.stop(session, reason, nasIdentifier, clock.instant()));
    }
}
