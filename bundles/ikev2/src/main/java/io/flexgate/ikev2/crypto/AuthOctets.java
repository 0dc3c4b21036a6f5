package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;
import java.util.Arrays;

/**
 * The octets every IKEv2 AUTH method signs or MACs (RFC 7296 section 2.15):
 * {@code RealMessage | Nonce of the peer | prf(SK_p, ID')}. For the initiator that is its IKE_SA_INIT request,
 * the responder's nonce and prf(SK_pi, IDi'); for the responder its IKE_SA_INIT response, the initiator's nonce
 * and prf(SK_pr, IDr'). ID' is the ID payload without its generic header (ID Type, three reserved octets,
 * identification data).
 */
public final class AuthOctets {

    private AuthOctets() {
    }

    /**
     * @param realMessage the signer's own IKE_SA_INIT message, exactly as sent
     * @param peerNonce   the Nonce Data of the other side's IKE_SA_INIT message
     * @param skP         SK_pi for the initiator, SK_pr for the responder
     * @param idPrime     the signer's ID payload body
     */
    public static byte[] signedOctets(Prf prf, byte[] realMessage, byte[] peerNonce, Secret skP, byte[] idPrime) {
        byte[] key = skP.bytes();
        try {
            return IkeKeyDerivation.concat(realMessage, peerNonce, prf.compute(key, idPrime));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
