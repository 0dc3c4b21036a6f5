package io.flexgate.ikev2.crypto;

import io.flexgate.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Shared Key Message Integrity Code authentication (method 2, RFC 7296 section 2.15):
 * {@code AUTH = prf(prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>)}. After EAP the shared secret is
 * the MSK, or SK_pi/SK_pr when the method establishes none (section 2.16; what AnyConnect-EAP peers do, see
 * research/anchors.md section 2.6). Thread-safe.
 */
public final class SharedKeyAuth {

    /** The 17 ASCII octets of RFC 7296 section 2.15, without a terminating NUL. */
    private static final byte[] KEY_PAD = "Key Pad for IKEv2".getBytes(StandardCharsets.US_ASCII);

    private final Prf prf;

    public SharedKeyAuth(Prf prf) {
        this.prf = prf;
    }

    /** The AUTH data over {@code signedOctets} with {@code sharedSecret}. */
    public byte[] compute(Secret sharedSecret, byte[] signedOctets) {
        byte[] secret = sharedSecret.bytes();
        byte[] padKey = prf.compute(secret, KEY_PAD);
        try {
            return prf.compute(padKey, signedOctets);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(padKey, (byte) 0);
        }
    }

    /** Constant-time check of a received AUTH value. */
    public boolean verify(Secret sharedSecret, byte[] signedOctets, byte[] receivedAuth) {
        byte[] expected = compute(sharedSecret, signedOctets);
        try {
            return MessageDigest.isEqual(expected, receivedAuth);
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

    /**
     * The shared secret for the AUTH payloads that follow EAP (RFC 7296 section 2.16): the MSK when the
     * method produced one, otherwise SK_pi for the initiator's AUTH and SK_pr for the responder's.
     *
     * @param msk         the EAP method's MSK, or {@code null} when it has none
     * @param skPOfSigner SK_pi when checking or computing the initiator's AUTH, SK_pr for the responder's
     */
    public static Secret eapSharedSecret(Secret msk, Secret skPOfSigner) {
        return msk != null && msk.length() > 0 ? msk : skPOfSigner;
    }
}
