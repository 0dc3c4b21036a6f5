package io.flexgate.aaa.local;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password verifier (RFC 8018 section 5.2), stored as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} with standard base64. Immutable; byte arrays are copied in
 * and out.
 */
final class PasswordHash {

    /** Iterations for new hashes: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewer iterations than this is refused when read or configured. */
    static final int MIN_ITERATIONS = 10_000;
    /** More than this is refused when read: a stored value must not make one check take minutes. */
    static final int MAX_ITERATIONS = 10_000_000;
    static final int SALT_BYTES = 16;
    static final int MIN_SALT_BYTES = 8;
    static final int MAX_SALT_BYTES = 64;
    static final int HASH_BYTES = 32;
    /** Longest accepted password, in characters. */
    static final int MAX_PASSWORD_CHARS = 256;
    static final String SCHEME = "pbkdf2-sha256";

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh random salt. */
    static PasswordHash create(char[] password, int iterations, SecureRandom random) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, pbkdf2(password, salt, iterations, HASH_BYTES));
    }

    /**
     * A verifier that matches no password at the cost of a real one: checked for unknown users so that
     * timing does not reveal which names exist. Its hash is random, not derived, so creating it is free.
     */
    static PasswordHash decoy(int iterations, SecureRandom random) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return new PasswordHash(iterations, salt, hash);
    }

    /** Constant-time check of {@code password} (the derivation itself depends only on the stored values). */
    boolean matches(char[] password) {
        byte[] candidate = pbkdf2(password, salt, iterations, hash.length);
        try {
            return MessageDigest.isEqual(candidate, hash);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
    }

    int iterations() {
        return iterations;
    }

    /** {@code pbkdf2-sha256$600000$SALT$HASH}. */
    String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Parses {@link #encode()}'s form.
     *
     * @throws IllegalArgumentException when the text is not such a hash or is outside the limits; the message
     *                                  never repeats the hash
     */
    static PasswordHash decode(String text) {
        String[] parts = text.trim().split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("not a " + SCHEME + "$ITERATIONS$SALT$HASH value");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            checkIterations(iterations);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
                throw new IllegalArgumentException("salt of " + salt.length + " bytes, expected " + MIN_SALT_BYTES
                        + ".." + MAX_SALT_BYTES);
            }
            if (hash.length != HASH_BYTES) {
                throw new IllegalArgumentException("hash of " + hash.length + " bytes, expected " + HASH_BYTES);
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad iteration count in " + SCHEME + " value", e);
        }
    }

    /** PBKDF2-HMAC-SHA256 of the UTF-8 encoding of {@code password} (the JDK's PBKDF2 encodes as UTF-8). */
    static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int length) {
        if (password.length == 0 || password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password length outside 1.." + MAX_PASSWORD_CHARS);
        }
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iteration count " + iterations + " outside " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS);
        }
    }

    @Override
    public String toString() {
        return SCHEME + "[" + iterations + " iterations]";
    }
}
