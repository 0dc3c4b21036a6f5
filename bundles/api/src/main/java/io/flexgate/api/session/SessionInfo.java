package io.flexgate.api.session;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one remote-access session: its IKE SA, its CHILD_SAs and the facts {@code show crypto
 * session detail} and {@code show crypto ikev2 sa detailed} print. Immutable; ask the registry again for
 * fresh values.
 *
 * @param sessionId       {@code Session-id}
 * @param tunnelId        {@code Tunnel-id} (the IKE SA's number)
 * @param virtualAccess   {@code Virtual-Access1}
 * @param profile         the IKEv2 profile that matched
 * @param status          where the session is
 * @param local           our address and port
 * @param remote          the peer's address and port
 * @param localId         our IKE identity as printed ({@code 192.0.2.1}, {@code vpn.example.com})
 * @param remoteId        the peer's IKE identity ({@code *$AnyConnectClient$*})
 * @param eapIdentity     {@code Remote EAP id}
 * @param username        the authenticated user
 * @param assignedAddress {@code Assigned host addr}
 * @param ike             the IKE SA's algorithms and counters
 * @param children        the CHILD_SAs
 * @param established     when the IKE SA came up
 */
public record SessionInfo(long sessionId, long tunnelId, String virtualAccess, String profile, Status status,
        InetSocketAddress local, InetSocketAddress remote, String localId, String remoteId,
        Optional<String> eapIdentity, String username, Optional<InetAddress> assignedAddress, IkeSaInfo ike,
        List<ChildSaInfo> children, Instant established) {

    public SessionInfo {
        children = List.copyOf(children);
    }

    /** {@code Status}: IOS prints READY for an established IKE SA, UP-ACTIVE for the session. */
    public enum Status {
        NEGOTIATING, READY, REKEYING, DELETING
    }

    /**
     * The IKE SA.
     *
     * @param initiatorSpi     {@code Local/Remote spi} (initiator's)
     * @param responderSpi     the responder's SPI
     * @param encryption       {@code Encr} as IOS prints it ({@code AES-CBC}, {@code AES-GCM})
     * @param keySize          {@code keysize}
     * @param prf              {@code PRF} ({@code SHA256})
     * @param integrity        {@code Hash} ({@code SHA256}, {@code None} for AEAD)
     * @param dhGroup          {@code DH Grp}
     * @param authSign         {@code Auth sign} ({@code RSA})
     * @param authVerify       {@code Auth verify} ({@code AnyConnect-EAP}, {@code EAP})
     * @param lifetime         {@code Life}
     * @param natTraversal     ESP in UDP (RFC 3948): a NAT was detected on either side, or encapsulation is forced
     * @param fragmentation    RFC 7383 negotiated
     * @param initiatedByUs    {@code Initiator of SA : No}
     * @param nextMessageIds   the next request message IDs: ours, then the peer's
     * @param dpdInterval      DPD interval, zero when off
     * @param natDetectedInside  a NAT sits in front of us (the peer's NAT_DETECTION_DESTINATION_IP missed our address)
     * @param natDetectedOutside a NAT sits in front of the peer (its NAT_DETECTION_SOURCE_IP missed its address)
     * @param encapsulationForced we fake a NAT by configuration so that ESP goes in UDP whatever the path is
     */
    public record IkeSaInfo(long initiatorSpi, long responderSpi, String encryption, int keySize, String prf,
            String integrity, int dhGroup, String authSign, String authVerify, Duration lifetime,
            boolean natTraversal, boolean fragmentation, boolean initiatedByUs, long[] nextMessageIds,
            Duration dpdInterval, boolean natDetectedInside, boolean natDetectedOutside, boolean encapsulationForced) {
        public IkeSaInfo {
            nextMessageIds = nextMessageIds.clone();
        }

        /** Without the NAT detail: a detected NAT counts as one in front of the peer, nothing is forced. */
        public IkeSaInfo(long initiatorSpi, long responderSpi, String encryption, int keySize, String prf,
                String integrity, int dhGroup, String authSign, String authVerify, Duration lifetime,
                boolean natTraversal, boolean fragmentation, boolean initiatedByUs, long[] nextMessageIds,
                Duration dpdInterval) {
            this(initiatorSpi, responderSpi, encryption, keySize, prf, integrity, dhGroup, authSign, authVerify,
                    lifetime, natTraversal, fragmentation, initiatedByUs, nextMessageIds, dpdInterval, false,
                    natTraversal, false);
        }

        @Override
        public long[] nextMessageIds() {
            return nextMessageIds.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IkeSaInfo i && i.initiatorSpi == initiatorSpi && i.responderSpi == responderSpi
                    && java.util.Arrays.equals(i.nextMessageIds, nextMessageIds) && i.encryption.equals(encryption)
                    && i.keySize == keySize && i.prf.equals(prf) && i.integrity.equals(integrity)
                    && i.dhGroup == dhGroup && i.authSign.equals(authSign) && i.authVerify.equals(authVerify)
                    && i.lifetime.equals(lifetime) && i.natTraversal == natTraversal
                    && i.fragmentation == fragmentation && i.initiatedByUs == initiatedByUs
                    && i.dpdInterval.equals(dpdInterval) && i.natDetectedInside == natDetectedInside
                    && i.natDetectedOutside == natDetectedOutside && i.encapsulationForced == encapsulationForced;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(initiatorSpi) * 31 + Long.hashCode(responderSpi);
        }
    }

    /**
     * One CHILD_SA pair.
     *
     * @param inboundSpi      our SPI
     * @param outboundSpi     the peer's SPI
     * @param transform       {@code esp-aes 256 esp-sha256-hmac} style
     * @param localSelectors  TSr ({@code local ident})
     * @param remoteSelectors TSi ({@code remote ident})
     * @param counters        data plane counters at the time of the snapshot
     * @param established     when this pair was installed
     */
    public record ChildSaInfo(int inboundSpi, int outboundSpi, String transform, List<IpPrefix> localSelectors,
            List<IpPrefix> remoteSelectors, ChildSaCounters counters, Instant established) {
        public ChildSaInfo {
            localSelectors = List.copyOf(localSelectors);
            remoteSelectors = List.copyOf(remoteSelectors);
        }
    }
}
