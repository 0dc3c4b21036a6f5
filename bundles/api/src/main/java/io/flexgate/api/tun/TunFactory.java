package io.flexgate.api.tun;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens TUN devices: the Linux one (JNA, {@code /dev/net/tun}) or the in-memory one for tests, told apart
 * by the service property {@link #PROP_KIND}. Thread-safe.
 */
@ProviderType
public interface TunFactory {

    /** Service property: {@code linux} or {@code memory}. */
    String PROP_KIND = "tun.kind";

    /**
     * Creates and brings up a device.
     *
     * @throws TunException when the device cannot be made; the message names the cause an operator can
     *                      fix (no {@code /dev/net/tun}, no CAP_NET_ADMIN, name in use)
     */
    TunDevice open(TunSpec spec) throws TunException;

    /**
     * What to create.
     *
     * @param name         interface name, at most 15 characters ({@code fg-vt100})
     * @param mtu          the tunnel MTU ({@code ip mtu 1400})
     * @param localAddress the gateway's address on the device ({@code ip unnumbered Loopback100})
     * @param prefix       the on-link prefix of that address, if any
     */
    record TunSpec(String name, int mtu, Optional<InetAddress> localAddress, Optional<IpPrefix> prefix) {
        public TunSpec {
            if (name.isEmpty() || name.length() > 15) {
                throw new IllegalArgumentException("interface name '" + name + "' must have 1..15 characters");
            }
            if (mtu < 576 || mtu > 65_535) {
                throw new IllegalArgumentException("MTU " + mtu + " out of range 576..65535");
            }
        }
    }
}
