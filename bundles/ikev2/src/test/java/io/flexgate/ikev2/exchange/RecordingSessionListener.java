package io.flexgate.ikev2.exchange;

import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the session events the engine delivers, as an accounting bundle would receive them. */
final class RecordingSessionListener implements SessionListener {

    /** One session end: what the listener was given and why. */
    record Down(SessionInfo session, DownReason reason) {
    }

    final List<SessionInfo> up = new CopyOnWriteArrayList<>();
    final List<Down> down = new CopyOnWriteArrayList<>();

    @Override
    public void sessionUp(SessionInfo session) {
        up.add(session);
    }

    @Override
    public void sessionDown(SessionInfo session, DownReason reason) {
        down.add(new Down(session, reason));
    }
}
