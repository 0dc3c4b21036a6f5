package io.flexgate.esp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a tunnel interface's TUN device takes from the interface configuration ({@code io.flexgate.interface~NAME},
 * the seed's steps 11 and 12): {@code ip mtu} of the virtual template, and the address of the interface named by
 * its {@code ip unnumbered} (Loopback100's {@code ip address 10.0.0.1 255.255.255.255}), which the device carries
 * as a host address, so the gateway's own packets into the tunnel come from it.
 *
 * <p>The configurations are read when a device is opened; an interface without configuration gets the data
 * plane's default MTU and no address.
 */
final class TunnelInterfaces {

    /** The configuration keys, as IOS words ({@code ip mtu} is {@code ip.mtu}). */
    static final String MTU = "ip.mtu";
    static final String UNNUMBERED = "ip.unnumbered";
    static final String ADDRESS = "ip.address";

    private static final Logger LOG = LoggerFactory.getLogger(TunnelInterfaces.class);
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The settings of one device. */
    record Device(int mtu, Optional<InetAddress> address) {
    }

    private final Function<String, Optional<Map<String, Object>>> configurations;

    /** @param configurations the configuration of the interface with a given name, if there is one */
    TunnelInterfaces(Function<String, Optional<Map<String, Object>>> configurations) {
        this.configurations = configurations;
    }

    /** The device settings of {@code tunnelInterface}, with {@code defaultMtu} when it sets none. */
    Device device(String tunnelInterface, int defaultMtu) {
        Optional<Map<String, Object>> config = configurations.apply(tunnelInterface);
        if (config.isEmpty()) {
            LOG.info("no configuration for interface {}: its TUN device gets MTU {} and no address", tunnelInterface,
                    defaultMtu);
            return new Device(defaultMtu, Optional.empty());
        }
        int mtu = mtu(tunnelInterface, config.get(), defaultMtu);
        Optional<InetAddress> address = text(config.get(), ADDRESS).flatMap(a -> address(tunnelInterface, a));
        if (address.isEmpty()) {
            address = text(config.get(), UNNUMBERED).flatMap(loopback -> unnumbered(tunnelInterface, loopback));
        }
        return new Device(mtu, address);
    }

    private Optional<InetAddress> unnumbered(String tunnelInterface, String loopback) {
        Optional<InetAddress> address = configurations.apply(loopback).flatMap(c -> text(c, ADDRESS))
                .flatMap(a -> address(loopback, a));
        if (address.isEmpty()) {
            LOG.warn("{}: ip unnumbered {} names an interface without an IPv4 address; its TUN device gets none",
                    tunnelInterface, loopback);
        }
        return address;
    }

    private static int mtu(String name, Map<String, Object> config, int defaultMtu) {
        Optional<String> text = text(config, MTU);
        if (text.isEmpty()) {
            return defaultMtu;
        }
        try {
            int mtu = Integer.parseInt(text.get());
            if (mtu >= EspSettings.MIN_MTU && mtu <= EspSettings.MAX_MTU) {
                return mtu;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.warn("{}: ip mtu '{}' is not in {}..{}; its TUN device gets MTU {}", name, text.get(), EspSettings.MIN_MTU,
                EspSettings.MAX_MTU, defaultMtu);
        return defaultMtu;
    }

    /** The address of {@code ip address A.B.C.D MASK}; the mask does not matter for an unnumbered borrower. */
    private static Optional<InetAddress> address(String name, String ipAddress) {
        String first = ipAddress.trim().split("\\s+")[0];
        if (DOTTED_QUAD.matcher(first).matches()) {
            try {
                return Optional.of(InetAddress.getByName(first));
            } catch (UnknownHostException e) {
                // a dotted quad with an octet above 255: reported below
            }
        }
        LOG.warn("{}: ip address '{}' is not an IPv4 address", name, ipAddress);
        return Optional.empty();
    }

    private static Optional<String> text(Map<String, Object> config, String key) {
        Object value = config.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }
}
