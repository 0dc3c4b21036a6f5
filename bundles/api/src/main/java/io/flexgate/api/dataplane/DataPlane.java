package io.flexgate.api.dataplane;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The IPsec data plane: the seam between the IKEv2 engine and whatever encrypts packets (strongSwan's
 * {@code kernel_ipsec} idea). The userspace ESP bundle implements it here; a kernel XFRM one could too.
 *
 * <p>Called by the IKEv2 engine from its SA executors; thread-safe. Installing a CHILD_SA pair either
 * succeeds completely or throws {@link DataPlaneException} with nothing left half-installed. Sessions
 * whose SAs are installed keep working when the engine's bundle is refreshed: only {@link #remove} or
 * lifetime expiry removes them.
 */
@ProviderType
public interface DataPlane {

    /** Service property: what kind of data plane this is ({@code userspace-esp}, {@code xfrm}). */
    String PROP_KIND = "dataplane.kind";

    /**
     * Installs the inbound and outbound SAs of one CHILD_SA.
     *
     * @param events where lifetime expiries are reported (soft: rekey now; hard: the SA is gone)
     */
    void install(ChildSaSpec spec, ChildSaEvents events) throws DataPlaneException;

    /** Removes the pair whose inbound SPI is {@code inboundSpi}. Idempotent. */
    void remove(int inboundSpi);

    /**
     * The peer's outer address or port changed (a NAT mapping moved): from now on the ESP of the pair whose
     * inbound SPI is {@code inboundSpi} goes to {@code remote}, from {@code local}. The engine calls this when an
     * authenticated IKE message of the owning IKE SA arrives from a new address or port (RFC 7296 section 2.23,
     * RFC 3948 section 2.2: the side that is not behind a NAT follows the peer). Keys, counters and sequence
     * numbers stay as they are.
     *
     * @return true when the pair is installed and now sends to {@code remote}; false when no such pair is
     *         installed or this data plane cannot move an installed pair (the default)
     */
    default boolean updateEndpoints(int inboundSpi, InetSocketAddress local, InetSocketAddress remote) {
        return false;
    }

    /** Counters of the pair whose inbound SPI is {@code inboundSpi}. */
    Optional<ChildSaCounters> counters(int inboundSpi);

    /**
     * An ESP packet that arrived UDP-encapsulated on the IKE socket (RFC 3948: non-zero first four octets
     * on port 4500). The buffer holds the ESP packet from its SPI; the data plane owns it only during the
     * call.
     */
    void receiveEncapsulated(ByteBuffer espPacket, InetSocketAddress remote, InetSocketAddress local);

    /**
     * As {@link #receiveEncapsulated}, within a batch of datagrams read at once: the data plane may hold the inner
     * packet back until {@link #receiveBatchComplete()} on the same thread, to hand the batch's packets to the
     * kernel together. The caller must end every batch with that call. The default delivers at once.
     */
    default void receiveEncapsulatedInBatch(ByteBuffer espPacket, InetSocketAddress remote,
            InetSocketAddress local) {
        receiveEncapsulated(espPacket, remote, local);
    }

    /** Ends this thread's batch: every inner packet {@link #receiveEncapsulatedInBatch} held back is delivered. */
    default void receiveBatchComplete() {
    }

    /**
     * The engine hands over the socket that UDP-encapsulated ESP goes out on (the one it listens on for
     * port 4500), or {@code null} when that socket closes.
     */
    void bindTransport(EspTransport transport);

    /** Sends UDP-encapsulated ESP from the IKE socket. Implemented by the IKEv2 engine. */
    @FunctionalInterface
    interface EspTransport {
        /**
         * Sends {@code espPacket} (from its SPI on) as the payload of one UDP datagram.
         *
         * @return false when the packet was dropped (socket closed or send queue full)
         */
        boolean send(ByteBuffer espPacket, InetSocketAddress local, InetSocketAddress remote);

        /**
         * Waits until a packet from {@code local} to {@code remote} would be taken without being dropped for a
         * full send queue, or at most {@code timeoutNanos}. The data plane calls this before it seals a packet,
         * so that it does not spend a sequence number and the encryption on a packet {@link #send} would drop
         * (backpressure on the thread reading the inner packets). Must not allocate on the path where the queue
         * has room. The default never waits: a transport without a queue limit.
         *
         * @return true when a packet can be sent now; false when the wait ran out or the socket is closed
         * @throws InterruptedException when the waiting thread is interrupted
         */
        default boolean awaitWritable(InetSocketAddress local, InetSocketAddress remote, long timeoutNanos)
                throws InterruptedException {
            return true;
        }
    }

    /** Lifetime events of an installed pair; called from data plane threads, the engine hops to its SA. */
    interface ChildSaEvents {
        /** The soft time or byte limit was reached: rekey. */
        void softExpired(int inboundSpi);

        /** The hard limit was reached: the pair is removed already. */
        void hardExpired(int inboundSpi);
    }
}
