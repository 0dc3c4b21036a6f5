package io.flexgate.ikev2.engine;

import java.net.InetAddress;
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
    /** Replaced whole on rotation, so that making and checking cookies take no lock. */
    private volatile Secrets secrets;

    /** The secrets in use: the current one, its version octet, and the one before it. */
    private record Secrets(byte version, byte[] current, byte[] previous, Instant rotatedAt) {
    }

    /** One digest per thread: looking SHA-256 up among the providers per cookie cost more than the hash. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    public Cookies(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
        this.secrets = new Secrets((byte) 0, fresh(), fresh(), clock.instant());
    }

    /** The cookie for an initiator's nonce, address and SPI. */
    public byte[] make(byte[] nonceI, InetAddress initiator, long spiI) {
        Secrets s = current();
        return cookie(s.version(), s.current(), nonceI, initiator, spiI);
    }

    /** Whether {@code cookie} is one this responder made for these values, with the current or previous secret. */
    public boolean verify(byte[] cookie, byte[] nonceI, InetAddress initiator, long spiI) {
        Secrets s = current();
        if (cookie == null || cookie.length != COOKIE_LENGTH) {
            return false;
        }
        byte[] secret = cookie[0] == s.version() ? s.current() : cookie[0] == (byte) (s.version() - 1) ? s.previous()
                : null;
        if (secret == null) {
            return false;
        }
        return MessageDigest.isEqual(cookie, cookie(cookie[0], secret, nonceI, initiator, spiI));
    }

    /**
     * The secrets, rotated first when {@link #ROTATION} has passed. The secret that falls out of use is not wiped:
     * a thread that read the secrets just before may still be hashing with it.
     */
    private Secrets current() {
        Secrets s = secrets;
        Instant now = clock.instant();
        if (Duration.between(s.rotatedAt(), now).compareTo(ROTATION) < 0) {
            return s;
        }
        synchronized (this) {
            s = secrets;
            if (Duration.between(s.rotatedAt(), now).compareTo(ROTATION) >= 0) {
                s = new Secrets((byte) (s.version() + 1), fresh(), s.current(), now);
                secrets = s;
            }
            return s;
        }
    }

    private byte[] fresh() {
        byte[] s = new byte[SECRET_LENGTH];
        random.nextBytes(s);
        return s;
    }

    private static byte[] cookie(byte version, byte[] secret, byte[] nonceI, InetAddress initiator, long spiI) {
        MessageDigest sha = SHA256.get();
        sha.update(nonceI);
        sha.update(initiator.getAddress());
        for (int shift = 56; shift >= 0; shift -= 8) {
            sha.update((byte) (spiI >>> shift));
        }
        sha.update(secret);
        byte[] out = new byte[COOKIE_LENGTH];
        out[0] = version;
        System.arraycopy(sha.digest(), 0, out, 1, COOKIE_LENGTH - 1);
        return out;
    }
}
