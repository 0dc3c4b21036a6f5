package io.flexgate.ikev2.initiator;

import io.flexgate.api.net.IpPrefix;
import io.flexgate.ikev2.crypto.ChildSaKeys;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import java.util.List;

/**
 * The CHILD_SA negotiated in IKE_AUTH, seen from the initiator: we receive on {@code inboundSpi} (ours) and
 * send on {@code outboundSpi} (the headend's). The keys belong to the session and are wiped with it.
 *
 * @param keys             RFC 7296 section 2.17 keys; the initiator sends with the initiator keys
 * @param localSelectors   TSi as narrowed by the headend
 * @param remoteSelectors  TSr as narrowed by the headend
 */
public record ChildSa(int inboundSpi, int outboundSpi, EncrAlgorithm encryption, int keyBits, IntegAlgorithm integrity,
        boolean esn, ChildSaKeys keys, List<IpPrefix> localSelectors, List<IpPrefix> remoteSelectors) {

    public ChildSa {
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }
}
