package io.flexgate.ikev2.engine;

import java.time.Duration;

/**
 * Engine-wide settings ({@code io.flexgate.ikev2} configuration), with production defaults.
 *
 * @param cookieThreshold        half-open SAs above which IKE_SA_INIT needs a cookie
 * @param halfOpenPerSource      half-open SAs one source address may hold
 * @param halfOpenLimit          half-open SAs in all
 * @param halfOpenTimeout        a half-open SA that does not complete IKE_AUTH in this time is dropped
 * @param fragmentationMtu       RFC 7383 fragment size (IOS {@code crypto ikev2 fragmentation mtu})
 * @param forceEncapsulation     fake a NAT so that peers always use ESP in UDP (userspace ESP needs it)
 * @param retransmitTimeout      first retransmission of our own requests (DPD, DELETE)
 * @param retransmitTries        retransmissions before the peer is considered dead
 */
public record Settings(int cookieThreshold, int halfOpenPerSource, int halfOpenLimit, Duration halfOpenTimeout,
        int fragmentationMtu, boolean forceEncapsulation, Duration retransmitTimeout, int retransmitTries) {

    public static final Settings DEFAULTS = new Settings(500, 25, 20_000, Duration.ofSeconds(30), 1280, true,
            Duration.ofSeconds(2), 5);
}
