package io.flexgate.client;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.tun.TunDevice;
import io.flexgate.api.tun.TunFactory;
import io.flexgate.esp.EspConfig;
import io.flexgate.esp.UserspaceEspDataPlane;
import io.flexgate.ikev2.initiator.ChildSa;
import io.flexgate.ikev2.initiator.ChildSaListener;
import io.flexgate.ikev2.initiator.TunnelParameters;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's data path: the headend's own userspace ESP data plane ({@code bundles/esp}), embedded, with one TUN
 * device that carries our assigned address. What the kernel routes into the device (the split networks, or all
 * traffic) is sealed with the CHILD_SA's outbound keys and sent as ESP in UDP (RFC 3948) from the IKE socket;
 * what arrives there is opened and written to the device. Rekeyed CHILD_SAs are installed beside the old one
 * until the headend deletes that (so no packet is lost in between); {@link #close()} removes the SAs and the
 * device, and with it its routes.
 *
 * <p>Outside OSGi the data plane is made with its public embedding entry point
 * ({@link UserspaceEspDataPlane#embedded}, with our configuration and TUN factory) and ended with
 * {@link UserspaceEspDataPlane#close()}, as SCR would activate and deactivate the component.
 */
final class ClientTunnel implements ChildSaListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTunnel.class);

    /** MTU of the TUN: 1500 minus IPv4, UDP, ESP with AES-GCM (IOS {@code ip mtu 1400} in the seed). */
    static final int TUN_MTU = 1400;
    /** Anti-replay window of our inbound SAs, in packets (as the headend's, RFC 4303 section 3.4.3). */
    static final int REPLAY_WINDOW = 1024;
    /** The two halves of IPv4 that route all traffic into the TUN without replacing the default route. */
    static final List<IpPrefix> ALL_IPV4 = List.of(IpPrefix.parse("0.0.0.0/1"), IpPrefix.parse("128.0.0.0/1"));
    /** No lifetime of our own: the headend rekeys (and we follow), or the session ends. */
    private static final ChildSaSpec.Lifetime NO_LIFETIME = new ChildSaSpec.Lifetime(0, 0, 0, 0);
    private static final String VIRTUAL_ACCESS = "client";

    private final UserspaceEspDataPlane dataPlane;
    private final TunnelParameters tunnel;
    private final String tunName;
    private final InetAddress address;
    private final List<IpPrefix> routes;
    private final AtomicReference<TunDevice> device = new AtomicReference<>();
    /** Inbound SPIs installed now; guarded by this. */
    private final List<Integer> installed = new ArrayList<>();
    /** Counters of SAs removed already, so totals survive rekeys; guarded by this. */
    private ChildSaCounters retired = ChildSaCounters.ZERO;
    private boolean closed;

    /**
     * Opens the device with the assigned address, installs the first CHILD_SA and routes the split networks
     * (all of IPv4 when the headend sent none) into the device.
     *
     * @throws DataPlaneException when the device or the SA cannot be made (no root, no address); nothing is left
     */
    static ClientTunnel open(TunnelParameters tunnel, String tunName, TunFactory tuns, UdpClientTransport transport)
            throws DataPlaneException {
        InetAddress address = tunnel.address().orElseThrow(() -> new DataPlaneException(
                "the headend assigned no address (INTERNAL_IP4_ADDRESS)"));
        ClientTunnel t = new ClientTunnel(tunnel, tunName, address, tuns, transport);
        try {
            t.install(tunnel.child());
        } catch (DataPlaneException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private ClientTunnel(TunnelParameters tunnel, String tunName, InetAddress address, TunFactory tuns,
            UdpClientTransport transport) {
        this.tunnel = tunnel;
        this.tunName = tunName;
        this.address = address;
        this.routes = tunnel.splitRoutes().isEmpty() ? ALL_IPV4 : tunnel.splitRoutes();
        TunFactory withAddress = spec -> {
            TunDevice d = tuns.open(new TunFactory.TunSpec(tunName, TUN_MTU, Optional.of(address),
                    Optional.of(IpPrefix.host(address))));
            device.set(d);
            return d;
        };
        this.dataPlane = UserspaceEspDataPlane.embedded(config("(" + TunFactory.PROP_KIND + "=linux)"), withAddress);
        dataPlane.bindTransport(transport::sendEsp);
        transport.esp((packet, from) -> dataPlane.receiveEncapsulated(packet, from, transport.local()));
    }

    /** The networks routed into the tunnel. */
    List<IpPrefix> routes() {
        return routes;
    }

    /** The device's name, once it is open. */
    Optional<String> deviceName() {
        return Optional.ofNullable(device.get()).map(TunDevice::name);
    }

    private synchronized void install(ChildSa child) throws DataPlaneException {
        if (closed) {
            return;
        }
        List<IpPrefix> ours = child.localSelectors().isEmpty() ? List.of(IpPrefix.host(address))
                : child.localSelectors();
        dataPlane.install(new ChildSaSpec(0, tunName, VIRTUAL_ACCESS, child.inboundSpi(), child.outboundSpi(),
                child.encryption().value(), child.keyBits(), child.integrity().value(), child.esn(),
                child.inboundEncryptionKey(), child.inboundIntegrityKey(), child.outboundEncryptionKey(),
                child.outboundIntegrityKey(), tunnel.local(), tunnel.remote(), true, ours, routes, NO_LIFETIME,
                REPLAY_WINDOW), new io.flexgate.api.dataplane.DataPlane.ChildSaEvents() {
                    @Override
                    public void softExpired(int inboundSpi) {
                        // no lifetime of our own
                    }

                    @Override
                    public void hardExpired(int inboundSpi) {
                        // no lifetime of our own
                    }
                });
        installed.add(child.inboundSpi());
    }

    @Override
    public void added(ChildSa child) {
        try {
            install(child);
        } catch (DataPlaneException e) {
            LOG.error("rekeyed CHILD_SA {} not installed: {}", Integer.toHexString(child.inboundSpi()), e.getMessage());
        }
    }

    @Override
    public synchronized void removed(ChildSa child) {
        if (installed.remove(Integer.valueOf(child.inboundSpi()))) {
            dataPlane.counters(child.inboundSpi()).ifPresent(c -> retired = sum(retired, c));
            dataPlane.remove(child.inboundSpi());
        }
    }

    /** Packets and octets through the tunnel so far, over every CHILD_SA it had. */
    synchronized ChildSaCounters counters() {
        ChildSaCounters total = retired;
        for (int spi : installed) {
            total = sum(total, dataPlane.counters(spi).orElse(ChildSaCounters.ZERO));
        }
        return total;
    }

    /** Removes the CHILD_SAs and the device (its address and routes go with it). Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        dataPlane.close();
        LOG.debug("client tunnel {} closed", tunName);
    }

    private static ChildSaCounters sum(ChildSaCounters a, ChildSaCounters b) {
        return new ChildSaCounters(a.packetsEncrypted() + b.packetsEncrypted(), a.packetsDecrypted() + b.packetsDecrypted(),
                a.bytesEncrypted() + b.bytesEncrypted(), a.bytesDecrypted() + b.bytesDecrypted(),
                a.dropsReplay() + b.dropsReplay(), a.dropsIntegrity() + b.dropsIntegrity(),
                a.dropsMalformed() + b.dropsMalformed(), a.dropsOutbound() + b.dropsOutbound());
    }

    /** The embedded data plane's configuration: our MTU, device names as given, lifetimes checked each second. */
    static EspConfig config(String tunFilter) {
        return new EspConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EspConfig.class;
            }

            @Override
            public int mtu() {
                return TUN_MTU;
            }

            @Override
            public String tunFactory_target() {
                return tunFilter;
            }

            @Override
            public String device_prefix() {
                return "";
            }

            @Override
            public int lifetime_check_seconds() {
                return 1;
            }
        };
    }
}
