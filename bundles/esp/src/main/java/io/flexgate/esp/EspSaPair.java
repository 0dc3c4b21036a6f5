package io.flexgate.esp;

import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane.ChildSaEvents;
import io.flexgate.api.net.IpPrefix;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One installed CHILD_SA: its inbound and outbound SAs, where its inner packets go (the TUN port of its
 * tunnel interface) and where its ESP goes (the peer's outer address), counters and lifetime.
 */
final class EspSaPair {

    private final ChildSaSpec spec;
    private final EspAlgorithm algorithm;
    private final InboundSa inbound;
    private final OutboundSa outbound;
    private final ChildSaEvents events;
    private final SaCounters counters = new SaCounters();
    private final SaLifetime lifetime;
    /** The peer's inner addresses: an inbound packet's inner source must be one of them (RFC 4301 5.2). */
    private final PrefixMatch[] remoteSelectors;
    /** Our side's networks, where an inbound packet may go; empty means anywhere. */
    private final PrefixMatch[] localSelectors;
    private volatile TunPort port;
    /** Where ESP goes; replaced as a whole when the peer moves, so a sender never sees half an update. */
    private volatile Endpoints endpoints;

    EspSaPair(ChildSaSpec spec, EspAlgorithm algorithm, InboundSa inbound, OutboundSa outbound, ChildSaEvents events,
            SaLifetime lifetime) {
        this.spec = spec;
        this.algorithm = algorithm;
        this.inbound = inbound;
        this.outbound = outbound;
        this.events = events;
        this.lifetime = lifetime;
        this.remoteSelectors = PrefixMatch.of(spec.remoteSelectors());
        this.localSelectors = PrefixMatch.of(spec.localSelectors());
        this.endpoints = new Endpoints(spec.local(), spec.remote());
    }

    int inboundSpi() {
        return inbound.spi();
    }

    InboundSa inbound() {
        return inbound;
    }

    OutboundSa outbound() {
        return outbound;
    }

    ChildSaEvents events() {
        return events;
    }

    SaCounters counters() {
        return counters;
    }

    SaLifetime lifetime() {
        return lifetime;
    }

    EspAlgorithm algorithm() {
        return algorithm;
    }

    String tunnelInterface() {
        return spec.tunnelInterface();
    }

    List<IpPrefix> remotePrefixes() {
        return spec.remoteSelectors();
    }

    /** Our outer address and the peer's, as of now. */
    Endpoints endpoints() {
        return endpoints;
    }

    /** The peer moved (RFC 7296 section 2.23): outbound ESP goes to the new endpoints from the next packet on. */
    void endpoints(Endpoints moved) {
        endpoints = moved;
    }

    /**
     * Whether an inbound inner packet's source (at {@code b[sourceOff]}) is the peer's and its destination
     * (at {@code b[destinationOff]}) on our side of the tunnel.
     */
    boolean selectorsMatch(byte[] b, int sourceOff, int destinationOff, int addressLength) {
        return PrefixMatch.anyMatches(remoteSelectors, b, sourceOff, addressLength)
                && (localSelectors.length == 0
                        || PrefixMatch.anyMatches(localSelectors, b, destinationOff, addressLength));
    }

    TunPort port() {
        return port;
    }

    void port(TunPort port) {
        this.port = port;
    }

    /** Wipes the keys of both directions; packets in flight finish first, later ones are dropped. */
    void wipe() {
        inbound.wipe();
        outbound.wipe();
    }

    @Override
    public String toString() {
        Endpoints now = endpoints;
        return now.remote().equals(spec.remote()) && now.local().equals(spec.local()) ? spec.toString()
                : spec + " now " + now.local() + "<->" + now.remote();
    }

    /** Our outer address and port and the peer's. */
    record Endpoints(InetSocketAddress local, InetSocketAddress remote) {
    }
}
