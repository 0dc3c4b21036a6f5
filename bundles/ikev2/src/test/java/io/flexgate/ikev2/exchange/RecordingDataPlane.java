package io.flexgate.ikev2.exchange;

import io.flexgate.api.Secret;
import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.dataplane.ChildSaSpec;
import io.flexgate.api.dataplane.DataPlane;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps what the engine installs, so tests can compare the headend's CHILD_SA with the initiator's. */
final class RecordingDataPlane implements DataPlane {

    final Map<Integer, ChildSaSpec> installed = new ConcurrentHashMap<>();
    /** The engine's lifetime callbacks of each pair, by inbound SPI, so a test can expire a CHILD_SA. */
    final Map<Integer, ChildSaEvents> events = new ConcurrentHashMap<>();
    /** Where the engine moved a pair's ESP to (RFC 7296 section 2.23), by inbound SPI. */
    final Map<Integer, InetSocketAddress> movedTo = new ConcurrentHashMap<>();
    /** What {@link #counters} reports for an installed pair, by inbound SPI; a test sets it as traffic would. */
    final Map<Integer, ChildSaCounters> counted = new ConcurrentHashMap<>();

    /** Keeps a copy: the engine wipes its key objects once install returns, as a real data plane copies them. */
    @Override
    public void install(ChildSaSpec spec, ChildSaEvents events) {
        this.events.put(spec.inboundSpi(), events);
        installed.put(spec.inboundSpi(), new ChildSaSpec(spec.sessionId(), spec.tunnelInterface(), spec.virtualAccess(),
                spec.inboundSpi(), spec.outboundSpi(), spec.encryptionId(), spec.keyBits(), spec.integrityId(), spec.esn(),
                copy(spec.inboundEncryptionKey()), copy(spec.inboundIntegrityKey()), copy(spec.outboundEncryptionKey()),
                copy(spec.outboundIntegrityKey()), spec.local(), spec.remote(), spec.udpEncapsulation(),
                spec.localSelectors(), spec.remoteSelectors(), spec.lifetime(), spec.replayWindow()));
    }

    private static Secret copy(Secret s) {
        return s == null ? null : Secret.copyOf(s.bytes());
    }

    @Override
    public void remove(int inboundSpi) {
        installed.remove(inboundSpi);
    }

    @Override
    public boolean updateEndpoints(int inboundSpi, InetSocketAddress local, InetSocketAddress remote) {
        if (!installed.containsKey(inboundSpi)) {
            return false;
        }
        movedTo.put(inboundSpi, remote);
        return true;
    }

    @Override
    public Optional<ChildSaCounters> counters(int inboundSpi) {
        return installed.containsKey(inboundSpi) ? Optional.ofNullable(counted.get(inboundSpi)) : Optional.empty();
    }

    @Override
    public void receiveEncapsulated(ByteBuffer espPacket, InetSocketAddress remote, InetSocketAddress local) {
        // not part of the control-plane tests
    }

    @Override
    public void bindTransport(EspTransport transport) {
        // not part of the control-plane tests
    }

    List<ChildSaSpec> all() {
        return List.copyOf(installed.values());
    }
}
