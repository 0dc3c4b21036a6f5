package io.flexgate.ikev2.initiator;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.SaPayload;
import java.util.List;
import java.util.Optional;

/**
 * An IKE_SA_INIT response that asks us to start over: with its COOKIE first (RFC 7296 section 2.6), or with the
 * key exchange group it names in INVALID_KE_PAYLOAD (section 1.2), which must be one we offered. Bounded: a
 * headend that keeps asking ends the attempt. Owned by the session's executor.
 */
final class InitRetry {

    /** IKE_SA_INIT retries after INVALID_KE_PAYLOAD or COOKIE before we give up (a loop breaker). */
    static final int MAX_INIT_RETRIES = 4;
    /** Longest cookie we echo (RFC 7296 section 2.6: 1 to 64 octets). */
    static final int MAX_COOKIE_LENGTH = 64;

    /** What to do with a response. */
    sealed interface Decision {
        /** Not a request to start over: go on with the exchange. */
        record Proceed() implements Decision {
        }

        /** Send IKE_SA_INIT again with this cookie (or none) and group. */
        record Again(Optional<byte[]> cookie, DhGroup group) implements Decision {
        }

        /** Give up, with the headend's notify and a sentence for the user. */
        record GiveUp(Optional<NotifyType> notifyType, String message) implements Decision {
        }
    }

    private int retries;
    private byte[] cookie;

    /** The cookie to echo first in our next IKE_SA_INIT, if the headend asked for one. */
    Optional<byte[]> cookie() {
        return Optional.ofNullable(cookie).map(byte[]::clone);
    }

    Decision decide(IkeMessage response, List<SaPayload.Proposal> offered, DhGroup current) {
        Optional<NotifyPayload> cookieNotify = response.notification(NotifyType.COOKIE);
        if (cookieNotify.isPresent()) {
            byte[] c = cookieNotify.get().data().toByteArray();
            if (c.length == 0 || c.length > MAX_COOKIE_LENGTH || ++retries > MAX_INIT_RETRIES) {
                return new Decision.GiveUp(Optional.empty(), "the headend keeps asking for cookies");
            }
            cookie = c;
            return new Decision.Again(cookie(), current);
        }
        Optional<NotifyPayload> invalidKe = response.notification(NotifyType.INVALID_KE_PAYLOAD);
        if (invalidKe.isPresent()) {
            byte[] d = invalidKe.get().data().toByteArray();
            DhGroup wanted = d.length == 2 ? DhGroup.valueOf(((d[0] & 0xFF) << 8) | (d[1] & 0xFF)) : DhGroup.NONE;
            if (!InitiatorProposals.offers(offered, wanted) || wanted.equals(current) || ++retries > MAX_INIT_RETRIES) {
                return new Decision.GiveUp(Optional.of(NotifyType.INVALID_KE_PAYLOAD), "the headend asks for key"
                        + " exchange group " + wanted.name() + ", which we did not offer");
            }
            return new Decision.Again(cookie(), wanted);
        }
        return new Decision.Proceed();
    }
}
