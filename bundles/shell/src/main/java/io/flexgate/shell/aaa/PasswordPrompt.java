package io.flexgate.shell.aaa;

import io.flexgate.api.Secret;
import java.io.IOException;
import java.util.Arrays;
import org.apache.karaf.shell.api.console.Session;

/** Reads a password from the console twice, without echo. */
final class PasswordPrompt {

    /** JLine's mask for "show nothing at all". */
    private static final Character NO_ECHO = (char) 0;

    private PasswordPrompt() {
    }

    /**
     * @throws IllegalArgumentException when the two entries differ or are empty
     */
    static Secret readTwice(Session session, String user) throws IOException {
        char[] first = read(session, "Password for " + user + ": ");
        char[] second = read(session, "Again: ");
        try {
            if (first.length == 0) {
                throw new IllegalArgumentException("empty password");
            }
            if (!Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the passwords differ");
            }
            return Secret.ofPassword(first);
        } finally {
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
        }
    }

    /**
     * Renames the current thread to {@code safeName} when a password came on the command line. Karaf names
     * the pipe thread after the whole command line, and the log prints thread names: any line logged on this
     * thread, including Karaf's own report of a failed command after {@code execute} returns, would show the
     * password. The name is not restored, for that same reason; the pipe thread ends with the command.
     */
    static void hideCommandLine(String password, String safeName) {
        if (password != null) {
            Thread.currentThread().setName(safeName);
        }
    }

    static Secret readOnce(Session session, String user) throws IOException {
        char[] chars = read(session, "Password for " + user + ": ");
        try {
            return Secret.ofPassword(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static char[] read(Session session, String prompt) throws IOException {
        String line = session.readLine(prompt, NO_ECHO);
        return line == null ? new char[0] : line.toCharArray();
    }
}
