package io.flexgate.ikev2.initiator;

import io.flexgate.api.Secret;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.ikev2.crypto.ChildSaKeys;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import java.util.List;

/**
 * A CHILD_SA seen from the client: we receive on {@code inboundSpi} (ours) and send on {@code outboundSpi} (the
 * headend's). The keys belong to the session and are wiped with it (or when the headend deletes the CHILD_SA).
 *
 * @param keys             RFC 7296 section 2.17 keys, initiator-to-responder first, where the initiator is the one
 *                         of the exchange that made this CHILD_SA
 * @param localSelectors   TSi as narrowed by the headend (our side)
 * @param remoteSelectors  TSr as narrowed by the headend (its side)
 * @param weInitiated      true for the CHILD_SA of IKE_AUTH; false for one the headend made by rekeying
 *                         (CREATE_CHILD_SA from the headend, section 1.3.3)
 */
public record ChildSa(int inboundSpi, int outboundSpi, EncrAlgorithm encryption, int keyBits, IntegAlgorithm integrity,
        boolean esn, ChildSaKeys keys, List<IpPrefix> localSelectors, List<IpPrefix> remoteSelectors,
        boolean weInitiated) {

    public ChildSa {
        localSelectors = List.copyOf(localSelectors);
        remoteSelectors = List.copyOf(remoteSelectors);
    }

    /** The encryption key of what we send (with the salt at its end for AEAD). */
    public Secret outboundEncryptionKey() {
        return keys.encryptionKeyOf(weInitiated);
    }

    /** The integrity key of what we send (empty for AEAD). */
    public Secret outboundIntegrityKey() {
        return keys.integrityKeyOf(weInitiated);
    }

    /** The encryption key of what we receive. */
    public Secret inboundEncryptionKey() {
        return keys.encryptionKeyOf(!weInitiated);
    }

    /** The integrity key of what we receive. */
    public Secret inboundIntegrityKey() {
        return keys.integrityKeyOf(!weInitiated);
    }
}
