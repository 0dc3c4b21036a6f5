package io.flexgate.esp;

/** RFC 4303 framing constants and the limits this data plane enforces. */
final class EspPacket {

    /** SPI and sequence number (RFC 4303 section 2). */
    static final int HEADER_LENGTH = 8;
    /** Pad Length and Next Header. */
    static final int TRAILER_LENGTH = 2;
    /** Next Header of a tunnelled IPv4 packet (IP-in-IP). */
    static final int NEXT_HEADER_IPV4 = 4;
    /** Next Header of a tunnelled IPv6 packet. */
    static final int NEXT_HEADER_IPV6 = 41;
    /** Next Header of a dummy packet, which the receiver discards (RFC 4303 section 2.6). */
    static final int NEXT_HEADER_NONE = 59;
    /** Largest packet handled in either direction: the largest UDP payload. */
    static final int MAX_PACKET = 65_535;
    /** Room for header, IV, padding, trailer and ICV around the largest inner packet. */
    static final int MAX_OVERHEAD = HEADER_LENGTH + 16 + 16 + TRAILER_LENGTH + 32;
    /** Smallest IPv4 header. */
    static final int IPV4_HEADER = 20;
    /** IPv6 fixed header. */
    static final int IPV6_HEADER = 40;

    private EspPacket() {
    }
}
