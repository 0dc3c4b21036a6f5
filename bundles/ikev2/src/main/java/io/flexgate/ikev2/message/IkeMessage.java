package io.flexgate.ikev2.message;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A decoded IKE message, or one to send: the header and the payloads in order. When {@code encrypted},
 * all payloads travel inside one SK payload (or its SKF fragments); otherwise all are in the clear
 * (IKE_SA_INIT, unprotected notifications).
 *
 * @param header    the IKE header
 * @param encrypted whether the payloads are (to be) inside SK
 * @param payloads  the payloads, SK and SKF excluded
 */
public record IkeMessage(IkeHeader header, boolean encrypted, List<IkePayload> payloads) {

    public IkeMessage {
        payloads = List.copyOf(payloads);
        for (IkePayload p : payloads) {
            if (p instanceof EncryptedPayload || p instanceof EncryptedFragmentPayload
                    || p instanceof CiscoFragmentPayload) {
                throw new IllegalArgumentException(p.type() + " is framing, not message content");
            }
        }
    }

    /** The payloads of one record type, in order. */
    public <T extends IkePayload> List<T> payloads(Class<T> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The first payload of one record type. */
    public <T extends IkePayload> Optional<T> first(Class<T> kind) {
        return payloads.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The first notification of a type. */
    public Optional<NotifyPayload> notification(NotifyType type) {
        return payloads(NotifyPayload.class).stream().filter(n -> n.notifyType().equals(type)).findFirst();
    }

    /** strongSwan's one-line form: {@code IKE_AUTH request 1 [ IDi N(INIT_CONTACT) CPRQ(ADDR DNS) SA TSi TSr ]}. */
    public String summary() {
        return summary(header, payloads.stream().map(IkePayload::summary).collect(Collectors.toList()));
    }

    static String summary(IkeHeader header, List<String> tokens) {
        return header.summaryPrefix() + " [ " + (tokens.isEmpty() ? "" : String.join(" ", tokens) + " ") + "]";
    }
}
