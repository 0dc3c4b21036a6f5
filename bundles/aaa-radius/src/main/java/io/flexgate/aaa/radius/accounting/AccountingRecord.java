package io.flexgate.aaa.radius.accounting;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import java.time.Instant;
import java.util.List;

/**
 * The content of one Accounting-Request before it is addressed to a server: its attributes (without
 * Acct-Delay-Time, which is computed at each transmission from {@code created}, RFC 2866 section 5.2) and
 * its place in the spool.
 *
 * @param sequence  the spool's order; records are delivered in increasing sequence
 * @param created   when the event happened
 */
public record AccountingRecord(long sequence, Instant created, List<RadiusAttribute> attributes) {

    public AccountingRecord {
        attributes = List.copyOf(attributes);
    }
}
