package io.flexgate.ikev2.transport;

/**
 * Sends IKE messages. The UDP implementation adds the non-ESP marker on port 4500; the in-memory one used
 * by exchange tests delivers to the other side directly. Thread-safe; never blocks on the network.
 */
public interface IkeTransport {

    /**
     * Queues {@code datagram} for sending from {@code datagram.local()}.
     *
     * @return false when it was dropped (socket closed, queue full); the retransmission timer covers it
     */
    boolean send(Datagram datagram);
}
