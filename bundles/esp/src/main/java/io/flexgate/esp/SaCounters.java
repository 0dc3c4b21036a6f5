package io.flexgate.esp;

import io.flexgate.api.dataplane.ChildSaCounters;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Live counters of one CHILD_SA pair; the inbound and outbound threads update disjoint fields. */
final class SaCounters {

    private static final OutboundDrop[] OUTBOUND_DROPS = OutboundDrop.values();

    private final AtomicLong packetsEncrypted = new AtomicLong();
    private final AtomicLong packetsDecrypted = new AtomicLong();
    private final AtomicLong bytesEncrypted = new AtomicLong();
    private final AtomicLong bytesDecrypted = new AtomicLong();
    private final AtomicLong dropsReplay = new AtomicLong();
    private final AtomicLong dropsIntegrity = new AtomicLong();
    private final AtomicLong dropsMalformed = new AtomicLong();
    private final AtomicLong dropsOutbound = new AtomicLong();
    /** Outbound drops by {@link OutboundDrop} ordinal; their sum is {@code dropsOutbound}. */
    private final AtomicLongArray dropsOutboundBy = new AtomicLongArray(OUTBOUND_DROPS.length);

    /** Counts an encrypted packet of {@code innerBytes}; returns the outbound byte total. */
    long encrypted(int innerBytes) {
        packetsEncrypted.incrementAndGet();
        return bytesEncrypted.addAndGet(innerBytes);
    }

    /** Counts a decrypted packet of {@code innerBytes}; returns the inbound byte total. */
    long decrypted(int innerBytes) {
        packetsDecrypted.incrementAndGet();
        return bytesDecrypted.addAndGet(innerBytes);
    }

    void dropped(Drop reason) {
        switch (reason) {
            case REPLAY -> dropsReplay.incrementAndGet();
            case INTEGRITY -> dropsIntegrity.incrementAndGet();
            case MALFORMED -> dropsMalformed.incrementAndGet();
            case GONE -> {
                // The SA is gone: nobody reads its counters any more.
            }
        }
    }

    void droppedOutbound(OutboundDrop reason) {
        dropsOutboundBy.incrementAndGet(reason.ordinal());
        dropsOutbound.incrementAndGet();
    }

    /** Outbound drops for one reason. */
    long outboundDrops(OutboundDrop reason) {
        return dropsOutboundBy.get(reason.ordinal());
    }

    /** The non-zero outbound drop counts by reason, e.g. {@code queue-full 3, send-failed 1}; empty without. */
    String outboundDropReasons() {
        StringBuilder b = new StringBuilder();
        for (OutboundDrop reason : OUTBOUND_DROPS) {
            long n = dropsOutboundBy.get(reason.ordinal());
            if (n != 0) {
                b.append(b.length() == 0 ? "" : ", ").append(reason.name().toLowerCase(Locale.ROOT)
                        .replace('_', '-')).append(' ').append(n);
            }
        }
        return b.toString();
    }

    /** The larger of the two byte totals, which the kilobyte lifetime is measured against. */
    long maxBytes() {
        return Math.max(bytesEncrypted.get(), bytesDecrypted.get());
    }

    ChildSaCounters snapshot() {
        return new ChildSaCounters(packetsEncrypted.get(), packetsDecrypted.get(), bytesEncrypted.get(),
                bytesDecrypted.get(), dropsReplay.get(), dropsIntegrity.get(), dropsMalformed.get(),
                dropsOutbound.get());
    }
}
