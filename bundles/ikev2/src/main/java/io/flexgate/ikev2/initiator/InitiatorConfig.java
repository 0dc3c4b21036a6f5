package io.flexgate.ikev2.initiator;

import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.SaPayload;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one initiator session needs.
 *
 * @param local           our address for port 500 traffic
 * @param localNatT       our address for port 4500 traffic (used once NAT is detected, RFC 7296 section 2.23)
 * @param remote          the headend's IKE address (port 500)
 * @param idType          our IDi type ({@code ID_KEY_ID} for AnyConnect, {@code ID_RFC822_ADDR} or {@code ID_FQDN} else)
 * @param identity        our IDi data as text ({@code *$AnyConnectClient$*} for AnyConnect)
 * @param eapIdentity     the user name for EAP-Identity and the method
 * @param password        asked when the method needs it; the conversation wipes what it got
 * @param eapMethod       the EAP method whose peer role answers the headend
 * @param eapParameters   settings for the method's peer ({@code anyconnect.group}); never secrets
 * @param trustedCas      CA certificates the server's chain must end at (PKIX)
 * @param serverName      the name the server certificate must carry (DNS SAN, else CN); also sent as IDr
 * @param ikeProposals    IKE proposals in preference order; the first KE transform of the first proposal is
 *                        the group of our first KE payload
 * @param espProposals    ESP proposals (the SPI is filled in)
 * @param vendorIds       vendor ID payloads for IKE_SA_INIT
 * @param fragmentMtu     RFC 7383 fragment size for our requests when the headend supports fragmentation
 * @param retransmitTimeout first retransmission timeout (doubled each time, RFC 7296 section 2.1)
 * @param retransmitTries retransmissions before the headend is considered unreachable
 * @param initialContact  whether IKE_AUTH carries INITIAL_CONTACT (RFC 7296 section 2.4: the headend drops our
 *                        identity's other IKE SAs); off for load runs of many sessions as one user
 */
public record InitiatorConfig(InetSocketAddress local, InetSocketAddress localNatT, InetSocketAddress remote,
        IdType idType, String identity, String eapIdentity, Supplier<Secret> password, EapMethod eapMethod,
        Map<String, String> eapParameters, List<X509Certificate> trustedCas, Optional<String> serverName,
        List<SaPayload.Proposal> ikeProposals, List<SaPayload.Proposal> espProposals, List<byte[]> vendorIds,
        int fragmentMtu, Duration retransmitTimeout, int retransmitTries, boolean initialContact) {

    /** The identity AnyConnect clients send as ID_KEY_ID (anchors.md section 2.1). */
    public static final String ANYCONNECT_IDENTITY = "*$AnyConnectClient$*";
    /** RFC 7296 section 2.1 suggests retransmitting a few times over tens of seconds. */
    public static final int DEFAULT_RETRANSMIT_TRIES = 5;
    public static final Duration DEFAULT_RETRANSMIT_TIMEOUT = Duration.ofSeconds(2);
    /** RFC 7383 section 2.5.1: 1280 octets fit every IPv6 path. */
    public static final int DEFAULT_FRAGMENT_MTU = 1280;

    public InitiatorConfig {
        eapParameters = Map.copyOf(eapParameters);
        trustedCas = List.copyOf(trustedCas);
        ikeProposals = List.copyOf(ikeProposals);
        espProposals = List.copyOf(espProposals);
        vendorIds = vendorIds.stream().map(byte[]::clone).toList();
        if (ikeProposals.isEmpty() || espProposals.isEmpty()) {
            throw new IllegalArgumentException("an initiator needs at least one IKE and one ESP proposal");
        }
        if (trustedCas.isEmpty()) {
            throw new IllegalArgumentException("an initiator needs a CA certificate to check the server against");
        }
    }

    /** With INITIAL_CONTACT, as a client that starts afresh sends it. */
    public InitiatorConfig(InetSocketAddress local, InetSocketAddress localNatT, InetSocketAddress remote,
            IdType idType, String identity, String eapIdentity, Supplier<Secret> password, EapMethod eapMethod,
            Map<String, String> eapParameters, List<X509Certificate> trustedCas, Optional<String> serverName,
            List<SaPayload.Proposal> ikeProposals, List<SaPayload.Proposal> espProposals, List<byte[]> vendorIds,
            int fragmentMtu, Duration retransmitTimeout, int retransmitTries) {
        this(local, localNatT, remote, idType, identity, eapIdentity, password, eapMethod, eapParameters, trustedCas,
                serverName, ikeProposals, espProposals, vendorIds, fragmentMtu, retransmitTimeout, retransmitTries, true);
    }

    @Override
    public List<byte[]> vendorIds() {
        return vendorIds.stream().map(byte[]::clone).toList();
    }
}
