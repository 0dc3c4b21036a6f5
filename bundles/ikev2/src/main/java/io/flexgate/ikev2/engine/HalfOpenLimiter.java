package io.flexgate.ikev2.engine;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts half-open IKE SAs (IKE_SA_INIT answered, IKE_AUTH not yet done), in all and per source address,
 * and decides what to do with a new IKE_SA_INIT (RFC 7296 section 2.6): serve it, ask for a cookie first,
 * or refuse it. Thread-safe.
 *
 * @see #admit
 */
public final class HalfOpenLimiter {

    /** What to do with a new IKE_SA_INIT. */
    public enum Admission {
        /** Create the half-open SA. */
        ACCEPT,
        /** Answer with a COOKIE notify and create nothing (above the cookie threshold, no valid cookie). */
        REQUIRE_COOKIE,
        /** Drop it: the source has too many half-open SAs, or the global hard limit is reached. */
        REFUSE
    }

    private final int cookieThreshold;
    private final int perSourceLimit;
    private final int hardLimit;
    private final Map<InetAddress, Integer> perSource = new HashMap<>();
    private int total;

    /**
     * @param cookieThreshold half-open SAs in all above which cookies are required (IOS
     *                        {@code crypto ikev2 cookie-challenge N})
     * @param perSourceLimit  half-open SAs one address may hold (raise it for CGNAT users)
     * @param hardLimit       half-open SAs in all above which even cookie-bearing requests are refused
     */
    public HalfOpenLimiter(int cookieThreshold, int perSourceLimit, int hardLimit) {
        if (cookieThreshold < 0 || perSourceLimit < 1 || hardLimit < cookieThreshold) {
            throw new IllegalArgumentException("half-open limits: cookie threshold " + cookieThreshold
                    + ", per source " + perSourceLimit + ", hard " + hardLimit);
        }
        this.cookieThreshold = cookieThreshold;
        this.perSourceLimit = perSourceLimit;
        this.hardLimit = hardLimit;
    }

    /**
     * Decides for a new IKE_SA_INIT, and on {@link Admission#ACCEPT} counts the new half-open SA (release it
     * with {@link #release} when the SA completes IKE_AUTH or dies).
     *
     * @param validCookie whether the request carried a cookie this responder made
     */
    public synchronized Admission admit(InetAddress source, boolean validCookie) {
        if (total >= hardLimit || perSource.getOrDefault(source, 0) >= perSourceLimit) {
            return Admission.REFUSE;
        }
        if (total >= cookieThreshold && !validCookie) {
            return Admission.REQUIRE_COOKIE;
        }
        total++;
        perSource.merge(source, 1, Integer::sum);
        return Admission.ACCEPT;
    }

    /** One half-open SA of {@code source} is gone (established or deleted). */
    public synchronized void release(InetAddress source) {
        Integer n = perSource.get(source);
        if (n == null) {
            return;
        }
        if (n == 1) {
            perSource.remove(source);
        } else {
            perSource.put(source, n - 1);
        }
        total--;
    }

    /** Half-open SAs now. */
    public synchronized int halfOpen() {
        return total;
    }
}
