package io.flexgate.shell.config;

import io.flexgate.api.config.IosConfiguration;
import java.io.IOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code flexgate:running-config}: IOS {@code show running-config}, the live configuration as IOS text. */
@Service
@Command(scope = "flexgate", name = "running-config", description = "Prints the live configuration as IOS text "
        + "(show running-config)")
public class RunningConfigCommand implements Action {

    @Reference(optional = true)
    IosConfiguration ios;

    @Reference
    Session session;

    @Override
    public Object execute() throws IOException {
        session.getConsole().print(IosCommands.require(ios).runningConfig());
        return null;
    }
}
