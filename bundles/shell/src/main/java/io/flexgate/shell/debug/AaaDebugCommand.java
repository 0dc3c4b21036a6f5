package io.flexgate.shell.debug;

import java.io.IOException;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code aaa:debug authentication|authorization}: IOS {@code debug aaa authentication|authorization}. */
@Service
@Command(scope = "aaa", name = "debug", description = "Turns AAA debugging on (debug aaa authentication|"
        + "authorization) by raising log levels; watch with log:tail, end with crypto:undebug")
public class AaaDebugCommand implements Action {

    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference
    Session session;

    @Argument(index = 0, name = "kind", required = true, description = "authentication or authorization")
    @Completion(value = StringsCompleter.class, values = {"authentication", "authorization"})
    String kind;

    @Override
    public Object execute() throws IOException {
        Map<String, String> levels = switch (kind) {
            case "authentication" -> DebugLevels.AAA_AUTHENTICATION;
            case "authorization" -> DebugLevels.AAA_AUTHORIZATION;
            default -> throw new IllegalArgumentException("authentication or authorization, not " + kind);
        };
        DebugCommands.report(session, DebugLevels.update(configAdmin, c -> DebugLevels.withLevels(c, levels)));
        return null;
    }
}
