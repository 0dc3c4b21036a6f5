package io.flexgate.esp;

/**
 * Why an outbound packet was dropped. All of them count as {@code #send errors}; the reasons are kept apart in
 * {@link SaCounters} and logged when the SA goes. Only {@link #SEND_FAILED} drops a packet that was sealed (and
 * so leaves a gap in the sequence numbers the peer sees).
 */
enum OutboundDrop {
    /** No socket to send ESP from (the IKE engine is not bound). */
    NO_TRANSPORT,
    /** The inner packet does not fit into one UDP datagram once encapsulated. */
    TOO_LARGE,
    /** The socket's send queue stayed full for the whole bounded wait; dropped before sealing. */
    QUEUE_FULL,
    /** The sequence numbers are used up or the SA was wiped (RFC 4303 section 3.3.3). */
    SEQUENCE_EXHAUSTED,
    /** Sealed, then refused by the socket (it closed, or its queue filled in between). */
    SEND_FAILED
}
