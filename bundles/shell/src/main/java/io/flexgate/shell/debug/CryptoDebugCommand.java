package io.flexgate.shell.debug;

import java.io.IOException;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code crypto:debug ikev2 [packet|error]}: IOS {@code debug crypto ikev2 [packet|error]}, as log levels;
 * {@code log:tail} shows the lines.
 */
@Service
@Command(scope = "crypto", name = "debug", description = "Turns IKEv2 debugging on (debug crypto ikev2 "
        + "[packet|error]) by raising log levels; watch with log:tail, end with crypto:undebug")
public class CryptoDebugCommand implements Action {

    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference
    Session session;

    @Argument(index = 0, name = "protocol", required = true, description = "ikev2")
    @Completion(value = StringsCompleter.class, values = {"ikev2"})
    String protocol;

    @Argument(index = 1, name = "kind", required = false, description = "packet or error")
    @Completion(value = StringsCompleter.class, values = {"packet", "error"})
    String kind;

    @Override
    public Object execute() throws IOException {
        if (!"ikev2".equals(protocol)) {
            throw new IllegalArgumentException("only 'ikev2' can be debugged, not " + protocol);
        }
        Map<String, String> levels = kind == null ? DebugLevels.IKEV2 : switch (kind) {
            case "packet" -> DebugLevels.IKEV2_PACKET;
            case "error" -> DebugLevels.IKEV2_ERROR;
            default -> throw new IllegalArgumentException("packet or error, not " + kind);
        };
        DebugCommands.report(session, DebugLevels.update(configAdmin, c -> DebugLevels.withLevels(c, levels)));
        return null;
    }
}
