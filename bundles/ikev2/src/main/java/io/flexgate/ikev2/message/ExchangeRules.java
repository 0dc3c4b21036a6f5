package io.flexgate.ikev2.message;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which payloads each exchange may carry, how many, and whether inside SK (strongSwan's per-exchange
 * payload rule tables in {@code encoding/message.c}, written from RFC 7296 sections 1.2 to 1.5 and
 * RFC 7383). Applied on decode after the SK payload is opened; unknown non-critical payloads are exempt.
 */
public final class ExchangeRules {

    /** Notify payloads in one message. */
    public static final int MAX_NOTIFY = 32;
    /** Vendor ID payloads in one message. */
    public static final int MAX_VENDOR_ID = 20;
    /** CERT payloads in one message (a chain). */
    public static final int MAX_CERT = 8;
    /** CERTREQ payloads in one message. */
    public static final int MAX_CERTREQ = 20;
    /** Delete payloads in one INFORMATIONAL message. */
    public static final int MAX_DELETE = 20;

    /**
     * One rule.
     *
     * @param type       the payload type
     * @param min        fewest occurrences
     * @param max        most occurrences
     * @param sufficient if present, the {@code min} of the other rules does not apply (an error or
     *                   COOKIE response carries a Notify alone)
     */
    public record PayloadRule(PayloadType type, int min, int max, boolean sufficient) {
    }

    /**
     * The rules of one exchange and direction.
     *
     * @param encrypted whether the payloads travel inside SK (all but IKE_SA_INIT)
     * @param rules     the allowed payloads
     */
    public record Rules(boolean encrypted, List<PayloadRule> rules) {

        public Rules {
            rules = List.copyOf(rules);
        }

        Optional<PayloadRule> rule(PayloadType type) {
            return rules.stream().filter(r -> r.type().equals(type)).findFirst();
        }
    }

    private static PayloadRule one(PayloadType t) {
        return new PayloadRule(t, 1, 1, false);
    }

    private static PayloadRule opt(PayloadType t) {
        return new PayloadRule(t, 0, 1, false);
    }

    private static PayloadRule many(PayloadType t, int max) {
        return new PayloadRule(t, 0, max, false);
    }

    private static PayloadRule notifies(boolean sufficient) {
        return new PayloadRule(PayloadType.NOTIFY, 0, MAX_NOTIFY, sufficient);
    }

    private static final PayloadRule VID = many(PayloadType.VENDOR_ID, MAX_VENDOR_ID);

    private static final Map<ExchangeType, Rules> REQUESTS = Map.of(
            ExchangeType.IKE_SA_INIT, new Rules(false, List.of(notifies(false), VID, one(PayloadType.SA),
                    one(PayloadType.KE), one(PayloadType.NONCE), many(PayloadType.CERTREQ, MAX_CERTREQ))),
            ExchangeType.IKE_AUTH, new Rules(true, List.of(notifies(false), VID, opt(PayloadType.EAP),
                    opt(PayloadType.AUTH), opt(PayloadType.IDI), opt(PayloadType.IDR), many(PayloadType.CERT, MAX_CERT),
                    many(PayloadType.CERTREQ, MAX_CERTREQ), opt(PayloadType.SA), opt(PayloadType.TSI),
                    opt(PayloadType.TSR), opt(PayloadType.CP))),
            ExchangeType.CREATE_CHILD_SA, new Rules(true, List.of(notifies(false), VID, one(PayloadType.SA),
                    one(PayloadType.NONCE), opt(PayloadType.KE), opt(PayloadType.TSI), opt(PayloadType.TSR))),
            ExchangeType.INFORMATIONAL, new Rules(true, List.of(notifies(false), VID,
                    many(PayloadType.DELETE, MAX_DELETE), opt(PayloadType.CP))));

    private static final Map<ExchangeType, Rules> RESPONSES = Map.of(
            ExchangeType.IKE_SA_INIT, new Rules(false, List.of(notifies(true), VID, one(PayloadType.SA),
                    one(PayloadType.KE), one(PayloadType.NONCE), many(PayloadType.CERTREQ, MAX_CERTREQ))),
            ExchangeType.IKE_AUTH, new Rules(true, List.of(notifies(true), VID, opt(PayloadType.EAP),
                    opt(PayloadType.AUTH), opt(PayloadType.IDR), many(PayloadType.CERT, MAX_CERT), opt(PayloadType.SA),
                    opt(PayloadType.TSI), opt(PayloadType.TSR), opt(PayloadType.CP))),
            ExchangeType.CREATE_CHILD_SA, new Rules(true, List.of(notifies(true), VID, one(PayloadType.SA),
                    one(PayloadType.NONCE), opt(PayloadType.KE), opt(PayloadType.TSI), opt(PayloadType.TSR))),
            ExchangeType.INFORMATIONAL, new Rules(true, List.of(notifies(false), VID,
                    many(PayloadType.DELETE, MAX_DELETE), opt(PayloadType.CP))));

    private ExchangeRules() {
    }

    /** The rules for an exchange and direction; empty for exchanges we do not implement. */
    public static Optional<Rules> of(ExchangeType exchange, boolean response) {
        return Optional.ofNullable((response ? RESPONSES : REQUESTS).get(exchange));
    }

    /**
     * Checks a decoded message against its rules.
     *
     * @throws IkeDecodeException INVALID_SYNTAX naming the broken rule
     */
    public static void check(IkeMessage message) throws IkeDecodeException {
        IkeHeader h = message.header();
        Rules rules = of(h.exchangeType(), h.response()).orElseThrow(() -> IkeDecodeException.invalidSyntax(
                "no payload rules for " + h.exchangeType()));
        if (rules.encrypted() != message.encrypted() && !isUnprotectedNotification(message)) {
            throw IkeDecodeException.invalidSyntax(h.summaryPrefix() + (rules.encrypted()
                    ? " must be encrypted" : " must not be encrypted"));
        }
        Map<PayloadType, Long> counts = message.payloads().stream().filter(p -> !(p instanceof UnknownPayload))
                .collect(java.util.stream.Collectors.groupingBy(IkePayload::type, java.util.stream.Collectors.counting()));
        boolean sufficient = false;
        for (Map.Entry<PayloadType, Long> e : counts.entrySet()) {
            PayloadRule rule = rules.rule(e.getKey()).orElseThrow(() -> IkeDecodeException.invalidSyntax(
                    e.getKey() + " not allowed in " + h.summaryPrefix()));
            if (e.getValue() > rule.max()) {
                throw IkeDecodeException.invalidSyntax(e.getValue() + " " + e.getKey() + " payloads in "
                        + h.summaryPrefix() + ", at most " + rule.max());
            }
            sufficient |= rule.sufficient();
        }
        if (!sufficient) {
            for (PayloadRule rule : rules.rules()) {
                if (counts.getOrDefault(rule.type(), 0L) < rule.min()) {
                    throw IkeDecodeException.invalidSyntax(h.summaryPrefix() + " lacks " + rule.type());
                }
            }
        }
    }

    /**
     * An INFORMATIONAL message of Notify payloads only, sent without protection outside any IKE SA
     * (RFC 7296 section 1.5, e.g. INVALID_IKE_SPI): valid, but the SA layer must treat it as unauthenticated.
     */
    private static boolean isUnprotectedNotification(IkeMessage m) {
        return !m.encrypted() && m.header().exchangeType().equals(ExchangeType.INFORMATIONAL)
                && m.payloads().stream().allMatch(p -> p instanceof NotifyPayload);
    }
}
