package io.flexgate.aaa.local;

import io.flexgate.api.aaa.LocalUserAdmin.CredentialForm;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One local user's stored credentials: always a {@link PasswordHash}, usually the NT hash, and the
 * password itself only when the operator asked for a reversible entry. Immutable; arrays copied in and out.
 */
final class UserEntry {

    /** Longest accepted user name. */
    static final int MAX_USERNAME_CHARS = 64;

    private final String name;
    private final PasswordHash verifier;
    private final byte[] ntHash;
    private final byte[] cleartext;

    UserEntry(String name, PasswordHash verifier, Optional<byte[]> ntHash, Optional<byte[]> cleartext) {
        this.name = checkName(name);
        this.verifier = verifier;
        this.ntHash = ntHash.map(byte[]::clone).orElse(null);
        if (this.ntHash != null && this.ntHash.length != NtHash.LENGTH) {
            throw new IllegalArgumentException("NT hash of user " + name + " is not " + NtHash.LENGTH + " bytes");
        }
        this.cleartext = cleartext.map(byte[]::clone).orElse(null);
    }

    /** Hashes a new password: PBKDF2 always, NT hash always, the UTF-8 password only if {@code reversible}. */
    static UserEntry fromPassword(String name, char[] password, boolean reversible, int iterations,
            SecureRandom random) {
        PasswordHash verifier = PasswordHash.create(password, iterations, random);
        byte[] nt = NtHash.of(password);
        byte[] clear = reversible ? utf8(password) : null;
        try {
            return new UserEntry(name, verifier, Optional.of(nt), Optional.ofNullable(clear));
        } finally {
            Arrays.fill(nt, (byte) 0);
            if (clear != null) {
                Arrays.fill(clear, (byte) 0);
            }
        }
    }

    /**
     * A user name as IOS accepts it: 1 to {@value #MAX_USERNAME_CHARS} characters, no white space and no
     * control characters (the database file is one line per user).
     */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_USERNAME_CHARS) {
            throw new IllegalArgumentException("user name must have 1.." + MAX_USERNAME_CHARS + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("user name contains a space or control character");
            }
        }
        return name;
    }

    String name() {
        return name;
    }

    PasswordHash verifier() {
        return verifier;
    }

    Optional<byte[]> ntHash() {
        return Optional.ofNullable(ntHash).map(byte[]::clone);
    }

    Optional<byte[]> cleartext() {
        return Optional.ofNullable(cleartext).map(byte[]::clone);
    }

    Set<CredentialForm> forms() {
        Set<CredentialForm> forms = EnumSet.of(CredentialForm.PASSWORD_HASH);
        if (ntHash != null) {
            forms.add(CredentialForm.NT_HASH);
        }
        if (cleartext != null) {
            forms.add(CredentialForm.CLEARTEXT);
        }
        return forms;
    }

    static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /** Never a credential. */
    @Override
    public String toString() {
        return "UserEntry[" + name + " " + forms() + "]";
    }
}
