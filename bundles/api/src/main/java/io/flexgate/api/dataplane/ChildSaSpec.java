package io.flexgate.api.dataplane;

import io.flexgate.api.Secret;
import io.flexgate.api.net.IpPrefix;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Everything the data plane needs for one CHILD_SA pair (RFC 4303 tunnel mode).
 *
 * <p>Algorithms are IANA IKEv2 transform ids, so no engine type crosses the seam. Key order is the
 * RFC 7296 section 2.17 KEYMAT order per direction: for AEAD ciphers the encryption key includes the salt
 * at its end (RFC 4106 section 8.1, RFC 7634 section 2); for other ciphers {@code integrityKey} is used.
 *
 * @param sessionId        the owning session
 * @param tunnelInterface  the virtual template whose TUN device carries the inner packets
 * @param virtualAccess    the session's virtual-access name ({@code Virtual-Access1})
 * @param inboundSpi       SPI of packets we receive
 * @param outboundSpi      SPI of packets we send
 * @param encryptionId     ENCR transform id (12 AES-CBC, 20 AES-GCM-16, 28 ChaCha20-Poly1305 ...)
 * @param keyBits          encryption key length in bits, without salt
 * @param integrityId      INTEG transform id, 0 (NONE) for AEAD
 * @param esn              extended sequence numbers
 * @param inboundEncryptionKey  key for inbound packets (the initiator's, when we are the responder)
 * @param inboundIntegrityKey   integrity key for inbound packets, empty for AEAD
 * @param outboundEncryptionKey key for outbound packets
 * @param outboundIntegrityKey  integrity key for outbound packets, empty for AEAD
 * @param local            our outer address and port
 * @param remote           the peer's outer address and port (port 4500 when UDP-encapsulated)
 * @param udpEncapsulation ESP in UDP (RFC 3948); the userspace data plane always uses it
 * @param localSelectors   the networks on our side (TSr for a responder)
 * @param remoteSelectors  the peer's inner addresses (TSi, normally its assigned address)
 * @param lifetime         soft and hard limits
 * @param replayWindow     anti-replay window in packets (RFC 4303 section 3.4.3), 0 disables it
 */
public record ChildSaSpec(long sessionId, String tunnelInterface, String virtualAccess, int inboundSpi,
        int outboundSpi, int encryptionId, int keyBits, int integrityId, boolean esn, Secret inboundEncryptionKey,
        Secret inboundIntegrityKey, Secret outboundEncryptionKey, Secret outboundIntegrityKey, InetSocketAddress local,
        InetSocketAddress remote, boolean udpEncapsulation, List<IpPrefix> localSelectors,
        List<IpPrefix> remoteSelectors, Lifetime lifetime, int replayWindow) {

    public ChildSaSpec {
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
        if (replayWindow < 0) {
            throw new IllegalArgumentException("replay window " + replayWindow + " is negative");
        }
    }

    /** Key material is left out: only SPIs, algorithms and addresses. */
    @Override
    public String toString() {
        return String.format("ChildSaSpec[session=%d %s in=%08x out=%08x encr=%d/%d integ=%d esn=%s %s<->%s]",
                sessionId, virtualAccess, inboundSpi, outboundSpi, encryptionId, keyBits, integrityId, esn, local,
                remote);
    }

    /**
     * Soft and hard limits in seconds and kilobytes (IOS {@code set security-association lifetime}); 0
     * means no limit of that kind. Soft limits are below hard ones.
     */
    public record Lifetime(long softSeconds, long hardSeconds, long softKilobytes, long hardKilobytes) {
        /** The seed's defaults: 3600 s and 4,608,000 KB hard, soft 10 % earlier. */
        public static final Lifetime IOS_DEFAULT = new Lifetime(3240, 3600, 4_147_200, 4_608_000);
    }
}
