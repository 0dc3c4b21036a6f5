package io.flexgate.aaa.radius.client;

import io.flexgate.api.Secret;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One RADIUS server as IOS {@code radius server NAME} defines it.
 *
 * @param name          the server's name
 * @param authAddress   where Access-Requests go ({@code address ipv4 A auth-port 1812})
 * @param acctAddress   where Accounting-Requests go ({@code acct-port 1813})
 * @param key           the shared secret ({@code key}); never logged
 * @param timeout       how long to wait for each transmission ({@code timeout})
 * @param retransmit    how many times a request is sent again before the next server ({@code retransmit})
 * @param deadTime      how long a server that did not answer is skipped ({@code deadtime}); zero: never
 */
public record RadiusServer(String name, InetSocketAddress authAddress, InetSocketAddress acctAddress, Secret key,
        Duration timeout, int retransmit, Duration deadTime) {

    /** IOS allows 0..100 retransmissions; more than 10 only delays the next server. */
    public static final int MAX_RETRANSMIT = 10;
    /** Longest wait for one transmission. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    public RadiusServer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a RADIUS server needs a name");
        }
        if (authAddress.isUnresolved() || acctAddress.isUnresolved()) {
            throw new IllegalArgumentException("radius server " + name + ": address not resolved");
        }
        if (key.length() == 0) {
            throw new IllegalArgumentException("radius server " + name + ": key is missing");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("radius server " + name + ": timeout must be 1 ms.." + MAX_TIMEOUT);
        }
        if (retransmit < 0 || retransmit > MAX_RETRANSMIT) {
            throw new IllegalArgumentException("radius server " + name + ": retransmit must be 0.." + MAX_RETRANSMIT);
        }
        if (deadTime.isNegative()) {
            throw new IllegalArgumentException("radius server " + name + ": deadtime must not be negative");
        }
    }

    /** Name and addresses; never the key. */
    @Override
    public String toString() {
        return name + " (" + authAddress.getAddress().getHostAddress() + " auth " + authAddress.getPort() + " acct "
                + acctAddress.getPort() + ")";
    }
}
