package io.flexgate.aaa.local;

import java.util.Arrays;

/**
 * Reads IOS {@code username} lines whose password can be recovered:
 * {@code username NAME [privilege N] password [0] PASSWORD}, {@code ... password 7 HEX} (type 7 is a
 * reversible encoding, {@link CiscoType7}) and {@code ... secret 0 PASSWORD}. A clear password is the rest
 * of the line, as IOS takes it. Hashed forms ({@code secret 4/5/8/9}) are refused with a reason: they give
 * no NT hash, so MSCHAPv2 could not work for the user.
 */
final class IosUsernameLine {

    /** Longest accepted line. */
    static final int MAX_LINE_CHARS = 512;

    private IosUsernameLine() {
    }

    /** A parsed line; the caller clears {@code password}. */
    record Parsed(String username, char[] password) {
        @Override
        public String toString() {
            return "Parsed[" + username + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Parsed p && p.username.equals(username) && Arrays.equals(p.password, password);
        }

        @Override
        public int hashCode() {
            return username.hashCode();
        }
    }

    /**
     * @throws IllegalArgumentException with a reason that never contains the password
     */
    static Parsed parse(String line) {
        if (line == null || line.length() > MAX_LINE_CHARS) {
            throw new IllegalArgumentException("not an IOS username line of at most " + MAX_LINE_CHARS + " characters");
        }
        String rest = line.strip();
        String[] head = rest.split("\\s+", 3);
        if (head.length < 3 || !"username".equals(head[0])) {
            throw new IllegalArgumentException("expected 'username NAME password|secret ...'");
        }
        String name = UserEntry.checkName(head[1]);
        rest = head[2];
        if (rest.startsWith("privilege ")) {
            String[] p = rest.split("\\s+", 3);
            if (p.length < 3 || !p[1].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad privilege in username line for " + name);
            }
            rest = p[2];
        }
        String[] kw = rest.split("\\s+", 2);
        if (kw.length < 2 || !("password".equals(kw[0]) || "secret".equals(kw[0]))) {
            throw new IllegalArgumentException("username " + name + ": expected 'password' or 'secret'");
        }
        String value = kw[1];
        String[] typed = value.split("\\s+", 2);
        if (typed.length == 2 && typed[0].chars().allMatch(Character::isDigit)) {
            if ("password".equals(kw[0]) && "7".equals(typed[0])) {
                try {
                    return new Parsed(name, CiscoType7.decode(typed[1]));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("username " + name + ": " + e.getMessage(), e);
                }
            }
            if (!"0".equals(typed[0])) {
                throw new IllegalArgumentException("username " + name + ": " + kw[0] + " type " + typed[0]
                        + " is not supported; re-enter the password in clear (type 0) or with aaa:user-add, so the "
                        + "NT hash for MSCHAPv2 can be computed");
            }
            value = typed[1];
        } else if (typed.length == 1 && value.length() == 1 && Character.isDigit(value.charAt(0))) {
            // IOS reads a lone digit as an encryption type with the password missing.
            throw new IllegalArgumentException("username " + name + ": expected a password after type " + value);
        } else if ("secret".equals(kw[0])) {
            // IOS itself hashes 'secret PASSWORD'; an unmarked secret is the clear password too.
            value = kw[1];
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("username " + name + ": empty password");
        }
        return new Parsed(name, value.toCharArray());
    }
}
