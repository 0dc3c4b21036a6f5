package io.flexgate.ikev2.engine;

import java.util.Arrays;

/**
 * Simultaneous rekeys (RFC 7296 section 2.8.1 for CHILD_SAs, 2.8.2 for IKE SAs): both peers rekeyed the same SA,
 * so two new SAs exist. The one created with the lowest of the four nonces is redundant and is deleted by the peer
 * that created it (initiated the exchange that made it); the initiator of the surviving one deletes the old SA.
 * Nonces compare as unsigned octet strings, a shorter prefix lower, as strongSwan and libreswan compare them.
 */
final class RekeyCollision {

    private RekeyCollision() {
    }

    /**
     * Whether the SA made with nonces {@code ni1}/{@code nr1} is the redundant one against the SA made with
     * {@code ni2}/{@code nr2}.
     */
    static boolean firstIsRedundant(byte[] ni1, byte[] nr1, byte[] ni2, byte[] nr2) {
        return Arrays.compareUnsigned(lower(ni1, nr1), lower(ni2, nr2)) < 0;
    }

    private static byte[] lower(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
