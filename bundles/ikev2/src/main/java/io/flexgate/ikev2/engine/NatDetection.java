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
