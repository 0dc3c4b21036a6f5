package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionRegistry;
import org.apache.karaf.shell.api.console.Session;

/** What every crypto command does first and last: find the registry, print lines. */
final class Sessions {

    private Sessions() {
    }

    /** The registry, or a clear error when the IKEv2 engine is not running. */
    static SessionRegistry require(SessionRegistry registry) {
        if (registry == null) {
            throw new IllegalStateException("no session registry: is the ikev2 bundle running, with its "
                    + "configuration io.flexgate.ikev2?");
        }
        return registry;
    }

    static void print(Session session, Iterable<String> lines) {
        for (String line : lines) {
            session.getConsole().println(line);
        }
    }
}
