package io.flexgate.esp;

import io.flexgate.api.dataplane.ChildSaCounters;
import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one CHILD_SA pair; the inbound and outbound threads update disjoint fields. */
final class SaCounters {

    private final AtomicLong packetsEncrypted = new AtomicLong();
    private final AtomicLong packetsDecrypted = new AtomicLong();
    private final AtomicLong bytesEncrypted = new AtomicLong();
    private final AtomicLong bytesDecrypted = new AtomicLong();
    private final AtomicLong dropsReplay = new AtomicLong();
    private final AtomicLong dropsIntegrity = new AtomicLong();
    private final AtomicLong dropsMalformed = new AtomicLong();
    private final AtomicLong dropsOutbound = new AtomicLong();

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

    void droppedOutbound() {
        dropsOutbound.incrementAndGet();
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
