package io.flexgate.ikev2.initiator;

import io.flexgate.ikev2.transport.Datagram;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Our one outstanding request and when to send it again (RFC 7296 section 2.1: the initiator retransmits, the
 * timeout doubling each time, until the configured number of tries is spent). Owned by the session's executor.
 */
final class Retransmission {

    /** What is sent and waits for its response. */
    private record Outstanding(long messageId, List<Datagram> datagrams, Instant due, Duration timeout, int tries) {
    }

    /** What {@link #due} found. */
    sealed interface Due {
        /** Nothing to do now. */
        record Nothing() implements Due {
        }

        /** Send these again. */
        record Resend(long messageId, int tries, List<Datagram> datagrams) implements Due {
        }

        /** Every try is spent: the headend does not answer. */
        record Exhausted(int tries) implements Due {
        }
    }

    private final Clock clock;
    private final Duration firstTimeout;
    private final int maxTries;
    private Outstanding outstanding;

    Retransmission(Clock clock, Duration firstTimeout, int maxTries) {
        this.clock = clock;
        this.firstTimeout = firstTimeout;
        this.maxTries = maxTries;
    }

    /** Request {@code messageId} went out as {@code datagrams}. */
    void sent(long messageId, List<Datagram> datagrams) {
        outstanding = new Outstanding(messageId, datagrams, clock.instant().plus(firstTimeout), firstTimeout, 0);
    }

    /** The message ID we wait for an answer to. */
    Optional<Long> awaited() {
        return Optional.ofNullable(outstanding).map(Outstanding::messageId);
    }

    /** The answer came, or we stopped waiting. */
    void clear() {
        outstanding = null;
    }

    Due due() {
        Outstanding o = outstanding;
        if (o == null || clock.instant().isBefore(o.due())) {
            return new Due.Nothing();
        }
        if (o.tries() >= maxTries) {
            outstanding = null;
            return new Due.Exhausted(o.tries());
        }
        Duration next = o.timeout().multipliedBy(2);
        outstanding = new Outstanding(o.messageId(), o.datagrams(), clock.instant().plus(next), next, o.tries() + 1);
        return new Due.Resend(o.messageId(), o.tries() + 1, o.datagrams());
    }
}
