package io.flexgate.ikev2.transport;

/**
 * What a datagram on the NAT-T port carries (RFC 3948 section 2): an IKE message behind a four-octet
 * non-ESP marker of zeros, a one-octet NAT keepalive (0xFF), or an ESP packet (its non-zero SPI first).
 */
public enum NatTraversalFraming {
    IKE, KEEPALIVE, ESP, MALFORMED;

    /** Octets of the non-ESP marker in front of IKE messages on port 4500. */
    public static final int NON_ESP_MARKER_LENGTH = 4;
    /** An ESP header (SPI and sequence number) is at least this long. */
    public static final int MIN_ESP_LENGTH = 8;

    /**
     * Classifies the payload of a datagram received on port 4500.
     *
     * @param first4 the first four octets as a big-endian int (only meaningful when {@code length >= 4})
     * @param firstByte the first octet
     * @param length the payload length
     */
    public static NatTraversalFraming classify(int first4, int firstByte, int length) {
        if (length == 1 && firstByte == 0xFF) {
            return KEEPALIVE;
        }
        if (length < NON_ESP_MARKER_LENGTH) {
            return MALFORMED;
        }
        if (first4 == 0) {
            return IKE;
        }
        return length >= MIN_ESP_LENGTH ? ESP : MALFORMED;
    }
}
