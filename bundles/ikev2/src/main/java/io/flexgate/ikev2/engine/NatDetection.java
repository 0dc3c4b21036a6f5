package io.flexgate.ikev2.engine;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * NAT_DETECTION_SOURCE_IP / NAT_DETECTION_DESTINATION_IP data (RFC 7296 section 2.23):
 * {@code SHA-1(SPIi | SPIr | IP | Port)}.
 */
public final class NatDetection {

    private NatDetection() {
    }

    /** The hash for one end of the path. */
    public static byte[] hash(long spiI, long spiR, InetSocketAddress endpoint) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
            sha1.update(endpoint.getAddress().getAddress());
            sha1.update(new byte[] {(byte) (endpoint.getPort() >>> 8), (byte) endpoint.getPort()});
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * What the peer's NAT_DETECTION notifies of IKE_SA_INIT say (RFC 7296 section 2.23), computed with the
     * responder SPI still zero as the peer computed them.
     *
     * @param sourceHashes      the peer's NAT_DETECTION_SOURCE_IP data (several when it has several addresses)
     * @param destinationHashes the peer's NAT_DETECTION_DESTINATION_IP data
     * @param local             our address and port as the datagram reached us
     * @param remote            the peer's address and port as the datagram came from
     * @return whether a NAT sits in front of us ({@code local}) and in front of the peer ({@code remote}); a peer
     *         that forces UDP encapsulation (strongSwan with kernel-libipsec) fakes its source hash, which looks
     *         exactly like a NAT in front of it
     */
    public static Observed observe(java.util.List<byte[]> sourceHashes, java.util.List<byte[]> destinationHashes,
            long spiI, InetSocketAddress local, InetSocketAddress remote) {
        return new Observed(missesAll(destinationHashes, hash(spiI, 0, local)), missesAll(sourceHashes,
                hash(spiI, 0, remote)));
    }

    /** No hash sent means no NAT-T support, and so nothing detected. */
    private static boolean missesAll(java.util.List<byte[]> hashes, byte[] expected) {
        return !hashes.isEmpty() && hashes.stream().noneMatch(h -> MessageDigest.isEqual(h, expected));
    }

    /**
     * The NAT detection result of one IKE SA.
     *
     * @param local  a NAT is in front of us ({@code show crypto ikev2 sa}: detected inside)
     * @param remote a NAT is in front of the peer, or the peer fakes one (detected outside)
     */
    public record Observed(boolean local, boolean remote) {
    }

    /**
     * A hash that matches no address, sent as our NAT_DETECTION_SOURCE_IP so
     * that the peer believes we are behind a NAT and encapsulates ESP in UDP (what strongSwan's userspace ESP
     * does; FlexGate's data plane needs UDP encapsulation because this kernel has no ESP).
     */
    public static byte[] forcedEncapsulationHash(long spiI, long spiR, InetSocketAddress endpoint) {
        byte[] h = hash(spiI, spiR, endpoint);
        h[0] ^= 0x5A;
        return h;
    }
}
