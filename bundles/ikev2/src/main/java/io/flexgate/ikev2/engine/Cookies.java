package io.flexgate.ikev2.engine;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stateless cookies for IKE_SA_INIT (RFC 7296 section 2.6): {@code Cookie = VersionIDofSecret |
 * SHA-256(Ni | IPi | SPIi | secret)}. The secret changes every {@link #ROTATION}; a cookie made with the
 * previous secret is still accepted, so a client that got one just before the change is not turned away.
 * Thread-safe.
 */
public final class Cookies {

    /** How long one secret is used. */
    public static final Duration ROTATION = Duration.ofMinutes(2);
    /** Cookie length: one octet of secret version and a SHA-256 digest (RFC 7296 allows 1..64 octets). */
    public static final int COOKIE_LENGTH = 1 + 32;
    private static final int SECRET_LENGTH = 32;

    private final Clock clock;
    private final SecureRandom random;
    private byte version;
    private byte[] current;
    private byte[] previous;
    private Instant rotatedAt;

    public Cookies(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
        this.current = fresh();
        this.previous = fresh();
        this.rotatedAt = clock.instant();
    }

    /** The cookie for an initiator's nonce, address and SPI. */
    public synchronized byte[] make(byte[] nonceI, InetAddress initiator, long spiI) {
        rotateIfDue();
        return cookie(version, current, nonceI, initiator, spiI);
    }

    /** Whether {@code cookie} is one this responder made for these values, with the current or previous secret. */
    public synchronized boolean verify(byte[] cookie, byte[] nonceI, InetAddress initiator, long spiI) {
        rotateIfDue();
        if (cookie == null || cookie.length != COOKIE_LENGTH) {
            return false;
        }
        byte[] secret = cookie[0] == version ? current : cookie[0] == (byte) (version - 1) ? previous : null;
        if (secret == null) {
            return false;
        }
        return MessageDigest.isEqual(cookie, cookie(cookie[0], secret, nonceI, initiator, spiI));
    }

    private void rotateIfDue() {
        Instant now = clock.instant();
        if (Duration.between(rotatedAt, now).compareTo(ROTATION) >= 0) {
            java.util.Arrays.fill(previous, (byte) 0);
            previous = current;
            current = fresh();
            version++;
            rotatedAt = now;
        }
    }

    private byte[] fresh() {
        byte[] s = new byte[SECRET_LENGTH];
        random.nextBytes(s);
        return s;
    }

    private static byte[] cookie(byte version, byte[] secret, byte[] nonceI, InetAddress initiator, long spiI) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(nonceI);
            sha.update(initiator.getAddress());
            sha.update(ByteBuffer.allocate(8).putLong(spiI).array());
            sha.update(secret);
            return ByteBuffer.allocate(COOKIE_LENGTH).put(version).put(sha.digest()).array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
