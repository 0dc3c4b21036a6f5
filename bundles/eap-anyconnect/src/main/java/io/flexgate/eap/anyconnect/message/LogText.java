package io.flexgate.eap.anyconnect.message;

/** Peer-supplied text made safe for one log line. */
public final class LogText {

    /** The most characters of peer text quoted in a log line. */
    public static final int MAX_QUOTED_CHARS = 80;

    private LogText() {
    }

    /** At most {@link #MAX_QUOTED_CHARS} characters of {@code text}, control characters replaced by '?'. */
    public static String printable(String text) {
        String cut = text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
