package io.flexgate.eap.mschapv2;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of Success and Failure requests (RFC 2759 sections 5 and 6):
 * {@code S=<40 hex> M=<message>} and {@code E=<error> R=<retry> C=<32 hex> V=<version> M=<message>}.
 */
final class MsChapV2Text {

    /** ERROR_AUTHENTICATION_FAILURE (RFC 2759 section 6). */
    static final int E_AUTHENTICATION_FAILURE = 691;
    /** The version Windows sends and expects (RFC 2759 section 6: V=3 means Change-Password version 3). */
    static final int VERSION = 3;

    private static final int AUTH_HEX_DIGITS = 2 * MsChapV2Crypto.AUTHENTICATOR_RESPONSE_LENGTH;
    private static final int CHALLENGE_HEX_DIGITS = 2 * MsChapV2Crypto.CHALLENGE_LENGTH;

    private MsChapV2Text() {
    }

    /** A Failure request's fields; absent ones take RFC 2759's defaults (R=0, V=0, no challenge). */
    record Failure(int error, boolean retryAllowed, Optional<byte[]> challenge, int version, String message) {
        Failure {
            challenge = challenge.map(byte[]::clone);
        }

        @Override
        public Optional<byte[]> challenge() {
            return challenge.map(byte[]::clone);
        }

        @Override
        public String toString() {
            return "E=" + error + " R=" + (retryAllowed ? 1 : 0) + " V=" + version + " M=" + message;
        }
    }

    /**
     * What a Failure's error code means (RFC 2759 section 6), for the peer's log line. The authenticator only
     * sends 691: no CredentialStore can report an expired password (648) or a disabled account (647) yet.
     */
    static String meaning(int error) {
        return switch (error) {
            case 646 -> "restricted logon hours";
            case 647 -> "account disabled";
            case 648 -> "password expired";
            case 649 -> "no dial-in permission";
            case E_AUTHENTICATION_FAILURE -> "authentication failure";
            case 709 -> "error changing password";
            default -> "error " + error;
        };
    }

    static String success(byte[] authenticatorResponse, String message) {
        return MsChapV2Crypto.authenticatorResponseText(authenticatorResponse) + " M=" + message;
    }

    /** The 20 octets after "S=", when the text starts with "S=" and 40 hex digits followed by nothing or a space. */
    static Optional<byte[]> authenticatorResponse(String success) {
        if (!success.startsWith("S=") || success.length() < 2 + AUTH_HEX_DIGITS
                || (success.length() > 2 + AUTH_HEX_DIGITS && success.charAt(2 + AUTH_HEX_DIGITS) != ' ')) {
            return Optional.empty();
        }
        return hex(success.substring(2, 2 + AUTH_HEX_DIGITS));
    }

    static String failure(int error, boolean retryAllowed, byte[] challenge, String message) {
        return "E=" + error + " R=" + (retryAllowed ? 1 : 0) + " C="
                + HexFormat.of().formatHex(challenge).toUpperCase(Locale.ROOT) + " V=" + VERSION + " M=" + message;
    }

    /**
     * Parses a Failure request's text. "M=" runs to the end (it may hold spaces).
     *
     * @return empty when E= is missing or a field is not a number or a 32-digit hex challenge
     */
    static Optional<Failure> parseFailure(String text) {
        int messageAt = text.indexOf("M=");
        String fields = messageAt < 0 ? text : text.substring(0, messageAt);
        String message = messageAt < 0 ? "" : text.substring(messageAt + 2);
        Integer error = null;
        boolean retry = false;
        byte[] challenge = null;
        int version = 0;
        for (String token : fields.trim().split(" +")) {
            if (token.length() < 2 || token.charAt(1) != '=') {
                return Optional.empty();
            }
            String value = token.substring(2);
            switch (token.charAt(0)) {
                case 'E' -> error = number(value);
                case 'R' -> retry = Integer.valueOf(1).equals(number(value));
                case 'V' -> version = Optional.ofNullable(number(value)).orElse(-1);
                case 'C' -> challenge = value.length() == CHALLENGE_HEX_DIGITS ? hex(value).orElse(null) : null;
                default -> {
                    return Optional.empty();
                }
            }
            if (token.charAt(0) == 'C' && challenge == null || version < 0) {
                return Optional.empty();
            }
        }
        return error == null ? Optional.empty()
                : Optional.of(new Failure(error, retry, Optional.ofNullable(challenge), version, message));
    }

    private static Integer number(String digits) {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long value = Long.parseLong(digits);
        return value > Integer.MAX_VALUE ? null : (int) value;
    }

    private static Optional<byte[]> hex(String digits) {
        try {
            return Optional.of(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
