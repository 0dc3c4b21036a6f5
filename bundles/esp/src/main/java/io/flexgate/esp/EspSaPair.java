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

    // What the log line needs of the ChildSaSpec, not the spec itself: it holds the (wiped) key Secrets, about
    // 300 octets per held session for nothing.
    private final long sessionId;
    private final String virtualAccess;
    private final String tunnelInterface;
    private final List<IpPrefix> remotePrefixes;
    private final int outboundSpi;
    private final int encryptionId;
    private final int keyBits;
    private final int integrityId;
    private final boolean esn;
    private final Endpoints installedEndpoints;
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
        this.sessionId = spec.sessionId();
        this.virtualAccess = spec.virtualAccess();
        this.tunnelInterface = spec.tunnelInterface();
        this.remotePrefixes = spec.remoteSelectors();
        this.outboundSpi = spec.outboundSpi();
        this.encryptionId = spec.encryptionId();
        this.keyBits = spec.keyBits();
        this.integrityId = spec.integrityId();
        this.esn = spec.esn();
        this.algorithm = algorithm;
        this.inbound = inbound;
        this.outbound = outbound;
        this.events = events;
        this.lifetime = lifetime;
        this.remoteSelectors = PrefixMatch.of(spec.remoteSelectors());
        this.localSelectors = PrefixMatch.of(spec.localSelectors());
        this.installedEndpoints = new Endpoints(spec.local(), spec.remote());
        this.endpoints = installedEndpoints;
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
        return tunnelInterface;
    }

    List<IpPrefix> remotePrefixes() {
        return remotePrefixes;
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

    /** As {@link ChildSaSpec#toString()} (no key material), plus where ESP goes now if the peer moved. */
    @Override
    public String toString() {
        Endpoints now = endpoints;
        String installed = String.format("ChildSaSpec[session=%d %s in=%08x out=%08x encr=%d/%d integ=%d esn=%s %s<->%s]",
                sessionId, virtualAccess, inbound.spi(), outboundSpi, encryptionId, keyBits, integrityId, esn,
                installedEndpoints.local(), installedEndpoints.remote());
        return now.equals(installedEndpoints) ? installed : installed + " now " + now.local() + "<->" + now.remote();
    }

    /** Our outer address and port and the peer's. */
    record Endpoints(InetSocketAddress local, InetSocketAddress remote) {
    }
}
