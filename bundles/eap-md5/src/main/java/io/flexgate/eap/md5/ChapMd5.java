package io.flexgate.eap.md5;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The CHAP MD5 response (RFC 1994 section 4.1), which EAP-MD5 uses unchanged (RFC 3748 section 5.4). */
final class ChapMd5 {

    private ChapMd5() {
    }

    /**
     * {@code MD5(identifier || secret || challenge)}.
     *
     * @param identifier the EAP identifier of the request (and of the response)
     * @param secret     the password octets; not kept
     * @param challenge  the challenge value of the request
     */
    static byte[] response(int identifier, byte[] secret, byte[] challenge) {
        MessageDigest md5 = md5();
        md5.update((byte) identifier);
        md5.update(secret);
        md5.update(challenge);
        return md5.digest();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5 (java.security.MessageDigest)
            throw new IllegalStateException("MD5 is missing from this Java runtime", e);
        }
    }
}
