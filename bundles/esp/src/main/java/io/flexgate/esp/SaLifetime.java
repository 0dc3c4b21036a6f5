package io.flexgate.esp;

import io.flexgate.api.dataplane.ChildSaSpec.Lifetime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Soft and hard limits of one CHILD_SA pair in time and kilobytes (RFC 4301 section 4.4.2.1), each
 * reported once. Byte limits count inner octets in the busier direction, like the SA counters.
 */
final class SaLifetime {

    /** What a check found. */
    enum Expiry { NONE, SOFT, HARD }

    /** Outbound sequence numbers left when a soft expiry (rekey) is requested (RFC 4303 section 3.3.3). */
    static final long SEQUENCE_REKEY_MARGIN = 1L << 20;

    private final Instant installed;
    private final Duration soft;
    private final Duration hard;
    private final long softBytes;
    private final long hardBytes;
    private final AtomicBoolean softReported = new AtomicBoolean();
    private final AtomicBoolean hardReported = new AtomicBoolean();

    SaLifetime(Lifetime limits, Instant installed) {
        this.installed = installed;
        this.soft = limits.softSeconds() > 0 ? Duration.ofSeconds(limits.softSeconds()) : null;
        this.hard = limits.hardSeconds() > 0 ? Duration.ofSeconds(limits.hardSeconds()) : null;
        this.softBytes = kilobytes(limits.softKilobytes());
        this.hardBytes = kilobytes(limits.hardKilobytes());
    }

    private static long kilobytes(long kb) {
        return kb > 0 ? Math.multiplyExact(kb, 1024L) : Long.MAX_VALUE;
    }

    /** Cheap per-packet test: whether {@code bytes} crossed a byte limit not yet reported. */
    boolean bytesDue(long bytes) {
        return bytes >= softBytes && !softReported.get() || bytes >= hardBytes && !hardReported.get();
    }

    /**
     * The transition due now, each reported once: HARD as soon as a hard limit is reached, else SOFT when
     * a soft limit is or the outbound sequence numbers are nearly used up.
     */
    Expiry check(Instant now, long bytes, boolean sequenceNearlyExhausted) {
        Duration age = Duration.between(installed, now);
        boolean hardDue = bytes >= hardBytes || hard != null && age.compareTo(hard) >= 0;
        if (hardDue) {
            return hardReported.compareAndSet(false, true) ? Expiry.HARD : Expiry.NONE;
        }
        boolean softDue = bytes >= softBytes || soft != null && age.compareTo(soft) >= 0 || sequenceNearlyExhausted;
        if (softDue && softReported.compareAndSet(false, true)) {
            return Expiry.SOFT;
        }
        return Expiry.NONE;
    }
}
