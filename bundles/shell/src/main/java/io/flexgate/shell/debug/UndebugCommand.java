package io.flexgate.shell.debug;

import java.io.IOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code crypto:undebug}: IOS {@code undebug all}, every logger the debug commands raised back to the root level. */
@Service
@Command(scope = "crypto", name = "undebug", description = "Turns every crypto and aaa debug off (undebug all)")
public class UndebugCommand implements Action {

    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference
    Session session;

    @Override
    public Object execute() throws IOException {
        DebugCommands.report(session, DebugLevels.update(configAdmin, DebugLevels::withoutDebug));
        return null;
    }
}
