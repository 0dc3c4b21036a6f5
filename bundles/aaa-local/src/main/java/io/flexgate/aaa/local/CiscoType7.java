package io.flexgate.aaa.local;

import java.nio.charset.StandardCharsets;

/**
 * Decodes IOS type-7 passwords ({@code password 7 0822455D0A16}). Type 7 is not encryption but a fixed XOR
 * key stream chosen by a two-digit decimal offset: a type-7 string is the password in clear for anyone
 * who reads it, which is why importing it (and hashing it at once) loses nothing.
 */
final class CiscoType7 {

    /** The XOR key stream IOS uses; the offset is the first two (decimal) digits of the encoded string. */
    private static final byte[] KEY = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"
            .getBytes(StandardCharsets.US_ASCII);
    /** IOS limits line passwords to 25 characters; a longer type-7 string is not one IOS wrote. */
    static final int MAX_ENCODED_CHARS = 2 + 2 * 64;

    private CiscoType7() {
    }

    /**
     * @throws IllegalArgumentException when {@code encoded} is not a type-7 string (the message never repeats it)
     */
    static char[] decode(String encoded) {
        String s = encoded.strip();
        if (s.length() < 4 || s.length() > MAX_ENCODED_CHARS || s.length() % 2 != 0
                || !Character.isDigit(s.charAt(0)) || !Character.isDigit(s.charAt(1))) {
            throw new IllegalArgumentException("not a type 7 string: two decimal digits, then pairs of hex digits");
        }
        int offset = Integer.parseInt(s.substring(0, 2));
        if (offset >= KEY.length) {
            throw new IllegalArgumentException("type 7 offset " + offset + " beyond the key (" + KEY.length + ")");
        }
        char[] out = new char[(s.length() - 2) / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 + 2 * i), 16);
            int lo = Character.digit(s.charAt(3 + 2 * i), 16);
            if (hi < 0 || lo < 0) {
                java.util.Arrays.fill(out, '\0');
                throw new IllegalArgumentException("type 7 string with a non-hex digit");
            }
            out[i] = (char) (((hi << 4) | lo) ^ KEY[(offset + i) % KEY.length]);
        }
        return out;
    }
}
