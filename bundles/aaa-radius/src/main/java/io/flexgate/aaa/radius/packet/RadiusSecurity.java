package io.flexgate.aaa.radius.packet;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared-secret cryptography of RADIUS: Request and Response Authenticators (RFC 2865 section 3, RFC
 * 2866 section 3, RFC 5176 section 2.3), Message-Authenticator (RFC 3579 section 3.2, RFC 5176 section 3.3),
 * User-Password hiding (RFC 2865 section 5.2) and the salt encryption of MS-MPPE keys (RFC 2548 section
 * 2.4.2). Every check compares in constant time. Secrets are byte arrays the caller owns; nothing here
 * keeps or logs them.
 *
 * <p>Message-Authenticator is placed first among the attributes of every packet we sign, and required on
 * every Access-Accept, -Reject and -Challenge we accept: without it a forged response can be made to
 * collide with MD5 alone (Blast-RADIUS, CVE-2024-3596).
 */
public final class RadiusSecurity {

    /** RFC 2865 section 5.2: the password is at most 128 octets. */
    public static final int MAX_PASSWORD = 128;
    /** The block of the MD5 stream ciphers. */
    static final int BLOCK = 16;
    /** RFC 2548 section 2.4.2: the Salt field. */
    public static final int SALT_LENGTH = 2;
    /** The longest key that fits a salt-encrypted vendor attribute (one length octet, padded to 16). */
    public static final int MAX_SALTED_KEY = (VendorAttribute.MAX_VALUE - SALT_LENGTH) / BLOCK * BLOCK - 1;

    private RadiusSecurity() {
    }

    /**
     * Signs a request: Message-Authenticator first, then for Accounting-, CoA- and Disconnect-Request the
     * Request Authenticator as the MD5 of the packet with a zero authenticator and the secret. An
     * Access-Request keeps its (random) authenticator, which must already be set.
     */
    public static RadiusPacket signRequest(RadiusPacket request, byte[] secret) {
        RadiusPacket p = request.code().hashedRequest() ? request.withAuthenticator(new byte[16]) : request;
        p = withMessageAuthenticator(p, p.authenticator(), secret);
        if (request.code().hashedRequest()) {
            p = p.withAuthenticator(md5(p.encode(), secret));
        }
        return p;
    }

    /** Signs a response to a request whose authenticator was {@code requestAuthenticator}. */
    public static RadiusPacket signResponse(RadiusPacket response, byte[] requestAuthenticator, byte[] secret) {
        RadiusPacket p = withMessageAuthenticator(response.withAuthenticator(requestAuthenticator),
                requestAuthenticator, secret);
        return p.withAuthenticator(md5(p.encode(), secret));
    }

    /**
     * Verifies a response: its Response Authenticator, and its Message-Authenticator, which must be
     * present when {@code requireMessageAuthenticator} (always for Access-* responses) and must verify
     * whenever present.
     */
    public static void verifyResponse(RadiusPacket response, byte[] requestAuthenticator, byte[] secret,
            boolean requireMessageAuthenticator) throws RadiusFormatException {
        byte[] expected = md5(response.withAuthenticator(requestAuthenticator).encode(), secret);
        if (!MessageDigest.isEqual(expected, response.authenticator())) {
            throw new RadiusFormatException(response.code() + " id " + response.identifier()
                    + ": Response Authenticator does not verify (wrong secret or forged)");
        }
        verifyMessageAuthenticator(response.withAuthenticator(requestAuthenticator), secret,
                requireMessageAuthenticator);
    }

    /**
     * Verifies a request with a hashed Request Authenticator (Accounting-, CoA-, Disconnect-Request) and
     * its Message-Authenticator.
     */
    public static void verifyHashedRequest(RadiusPacket request, byte[] secret, boolean requireMessageAuthenticator)
            throws RadiusFormatException {
        if (!request.code().hashedRequest()) {
            throw new IllegalArgumentException(request.code() + " has a random Request Authenticator");
        }
        RadiusPacket zeroed = request.withAuthenticator(new byte[16]);
        if (!MessageDigest.isEqual(md5(zeroed.encode(), secret), request.authenticator())) {
            throw new RadiusFormatException(request.code() + " id " + request.identifier()
                    + ": Request Authenticator does not verify (wrong secret or forged)");
        }
        verifyMessageAuthenticator(zeroed, secret, requireMessageAuthenticator);
    }

    /**
     * Verifies an Access-Request's Message-Authenticator (RFC 3579 section 3.2: its authenticator is the
     * random Request Authenticator itself).
     */
    public static void verifyAccessRequest(RadiusPacket request, byte[] secret, boolean requireMessageAuthenticator)
            throws RadiusFormatException {
        verifyMessageAuthenticator(request, secret, requireMessageAuthenticator);
    }

    /** {@code packet} (with the authenticator the HMAC covers already in place) checked for its MA. */
    private static void verifyMessageAuthenticator(RadiusPacket packet, byte[] secret, boolean required)
            throws RadiusFormatException {
        List<RadiusAttribute> mas = packet.attributes(RadiusAttributeType.MESSAGE_AUTHENTICATOR);
        if (mas.isEmpty()) {
            if (required) {
                throw new RadiusFormatException(packet.code() + " id " + packet.identifier()
                        + ": Message-Authenticator missing (required, CVE-2024-3596)");
            }
            return;
        }
        if (mas.size() > 1 || mas.get(0).length() != BLOCK) {
            throw new RadiusFormatException(packet.code() + ": Message-Authenticator must occur once with 16 octets");
        }
        byte[] received = mas.get(0).value();
        List<RadiusAttribute> zeroed = new ArrayList<>();
        for (RadiusAttribute a : packet.attributes()) {
            zeroed.add(a.type() == RadiusAttributeType.MESSAGE_AUTHENTICATOR
                    ? new RadiusAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR, new byte[BLOCK]) : a);
        }
        byte[] expected = hmacMd5(packet.withAttributes(zeroed).encode(), secret);
        if (!MessageDigest.isEqual(expected, received)) {
            throw new RadiusFormatException(packet.code() + " id " + packet.identifier()
                    + ": Message-Authenticator does not verify");
        }
    }

    /** The packet with one Message-Authenticator, first, computed over the packet with {@code authenticator}. */
    private static RadiusPacket withMessageAuthenticator(RadiusPacket packet, byte[] authenticator, byte[] secret) {
        List<RadiusAttribute> list = new ArrayList<>();
        list.add(new RadiusAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR, new byte[BLOCK]));
        list.addAll(packet.without(RadiusAttributeType.MESSAGE_AUTHENTICATOR).attributes());
        RadiusPacket zeroed = packet.withAuthenticator(authenticator).withAttributes(list);
        list.set(0, new RadiusAttribute(RadiusAttributeType.MESSAGE_AUTHENTICATOR, hmacMd5(zeroed.encode(), secret)));
        return packet.withAttributes(list);
    }

    /**
     * Hides a User-Password (RFC 2865 section 5.2): padded with zeros to a multiple of 16, each block XORed
     * with MD5(secret + previous cipher block), the first with MD5(secret + Request Authenticator).
     */
    public static byte[] hidePassword(byte[] password, byte[] secret, byte[] requestAuthenticator) {
        if (password.length > MAX_PASSWORD) {
            throw new IllegalArgumentException("a User-Password has at most " + MAX_PASSWORD + " octets");
        }
        int blocks = Math.max(1, (password.length + BLOCK - 1) / BLOCK);
        byte[] out = Arrays.copyOf(password, blocks * BLOCK);
        xorChain(out, 0, secret, requestAuthenticator, true);
        return out;
    }

    /** Recovers a hidden User-Password; trailing zero padding is removed. */
    public static byte[] recoverPassword(byte[] hidden, byte[] secret, byte[] requestAuthenticator)
            throws RadiusFormatException {
        if (hidden.length == 0 || hidden.length % BLOCK != 0 || hidden.length > MAX_PASSWORD) {
            throw new RadiusFormatException("hidden User-Password of " + hidden.length
                    + " octets is not 16..128 in steps of 16");
        }
        byte[] plain = hidden.clone();
        xorChain(plain, 0, secret, requestAuthenticator, false);
        int end = plain.length;
        while (end > 0 && plain[end - 1] == 0) {
            end--;
        }
        byte[] password = Arrays.copyOf(plain, end);
        Arrays.fill(plain, (byte) 0);
        return password;
    }

    /**
     * Salt-encrypts a key (RFC 2548 section 2.4.2, MS-MPPE-Send-Key / -Recv-Key): salt, then the key's
     * length octet, key and zero padding, XORed block by block with MD5(secret + Request Authenticator +
     * salt), then MD5(secret + previous cipher block).
     *
     * @param salt two octets, the high bit of the first set
     */
    public static byte[] saltEncrypt(byte[] key, byte[] salt, byte[] secret, byte[] requestAuthenticator) {
        if (salt.length != SALT_LENGTH || (salt[0] & 0x80) == 0) {
            throw new IllegalArgumentException("the salt is two octets with the high bit set");
        }
        if (key.length > MAX_SALTED_KEY) {
            throw new IllegalArgumentException("a salt-encrypted key has at most " + MAX_SALTED_KEY + " octets");
        }
        int blocks = (key.length + 1 + BLOCK - 1) / BLOCK;
        byte[] out = new byte[SALT_LENGTH + blocks * BLOCK];
        out[0] = salt[0];
        out[1] = salt[1];
        out[2] = (byte) key.length;
        System.arraycopy(key, 0, out, 3, key.length);
        xorChain(out, SALT_LENGTH, secret, concat(requestAuthenticator, salt), true);
        return out;
    }

    /** Decrypts a salt-encrypted key; the length octet is checked against the decrypted data. */
    public static byte[] saltDecrypt(byte[] value, byte[] secret, byte[] requestAuthenticator)
            throws RadiusFormatException {
        int cipherLength = value.length - SALT_LENGTH;
        if (cipherLength < BLOCK || cipherLength % BLOCK != 0) {
            throw new RadiusFormatException("salt-encrypted value of " + value.length + " octets is not 2 + 16n");
        }
        if ((value[0] & 0x80) == 0) {
            throw new RadiusFormatException("salt without its high bit set");
        }
        byte[] plain = value.clone();
        xorChain(plain, SALT_LENGTH, secret, concat(requestAuthenticator, Arrays.copyOf(value, SALT_LENGTH)), false);
        int keyLength = plain[SALT_LENGTH] & 0xff;
        if (keyLength > cipherLength - 1) {
            Arrays.fill(plain, (byte) 0);
            throw new RadiusFormatException("salt-encrypted key length " + keyLength + " exceeds its "
                    + (cipherLength - 1) + " octets (wrong secret?)");
        }
        byte[] key = Arrays.copyOfRange(plain, SALT_LENGTH + 1, SALT_LENGTH + 1 + keyLength);
        Arrays.fill(plain, (byte) 0);
        return key;
    }

    /**
     * The MD5 stream of RFC 2865 section 5.2 in place over {@code data[from..]}: block i is XORed with
     * MD5(secret + c(i-1)), c(0) being {@code first}; when encrypting c is the output, else the input.
     */
    private static void xorChain(byte[] data, int from, byte[] secret, byte[] first, boolean encrypt) {
        MessageDigest md5 = md5();
        byte[] previous = first;
        for (int at = from; at < data.length; at += BLOCK) {
            md5.update(secret);
            md5.update(previous);
            byte[] b = md5.digest();
            byte[] cipher = encrypt ? null : Arrays.copyOfRange(data, at, at + BLOCK);
            for (int i = 0; i < BLOCK; i++) {
                data[at + i] ^= b[i];
            }
            previous = encrypt ? Arrays.copyOfRange(data, at, at + BLOCK) : cipher;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] md5(byte[] data, byte[] secret) {
        MessageDigest md5 = md5();
        md5.update(data);
        md5.update(secret);
        return md5.digest();
    }

    static byte[] hmacMd5(byte[] data, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            // HMAC pads its key with zeros, so one zero octet is the same key as none (which JCE refuses)
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacMD5"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is part of every Java platform", e);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
