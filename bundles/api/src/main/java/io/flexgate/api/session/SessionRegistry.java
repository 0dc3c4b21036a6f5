package io.flexgate.api.session;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The sessions the IKEv2 engine holds, read by the shell and by metrics. Registered by the engine;
 * thread-safe; every answer is a snapshot.
 */
@ProviderType
public interface SessionRegistry {

    /** Every session, ordered by session id. */
    List<SessionInfo> sessions();

    Optional<SessionInfo> session(long sessionId);

    /**
     * Tears sessions down (DELETE to the peer, SAs removed, lease released), like IOS {@code clear crypto
     * session}.
     *
     * @return how many sessions were selected
     */
    int clear(Selector selector, SessionListener.DownReason reason);

    /** Which sessions {@link #clear} tears down. */
    sealed interface Selector {
        record All() implements Selector {
        }

        record ByPeer(InetAddress remote) implements Selector {
        }

        record ById(long sessionId) implements Selector {
        }

        record ByUser(String username) implements Selector {
        }

        record ByAssignedAddress(InetAddress address) implements Selector {
        }
    }
}
