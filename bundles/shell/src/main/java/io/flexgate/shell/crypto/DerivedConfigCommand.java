package io.flexgate.shell.crypto;

import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionRegistry;
import java.io.IOException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code crypto:derived-config Virtual-AccessN}: IOS {@code show derived-config interface virtual-access N},
 * the session's endpoints merged with its IKEv2 profile's virtual template as configured in ConfigAdmin.
 */
@Service
@Command(scope = "crypto", name = "derived-config", description = "Shows the configuration a virtual-access "
        + "interface derives from its virtual template (show derived-config interface virtual-access N)")
public class DerivedConfigCommand implements Action {

    @Reference(optional = true)
    SessionRegistry registry;

    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference
    Session session;

    @Argument(index = 0, name = "interface", required = true, description = "Virtual-Access1, ...")
    @Completion(VirtualAccessCompleter.class)
    String name;

    @Override
    public Object execute() throws IOException {
        SessionInfo s = Sessions.require(registry).sessions().stream()
                .filter(i -> i.virtualAccess().equalsIgnoreCase(name.replace(" ", ""))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no session on interface " + name));
        if (configAdmin == null) {
            throw new IllegalStateException("ConfigurationAdmin is not available");
        }
        SessionText.VirtualTemplate template = new TemplateLookup(configAdmin).virtualTemplate(s.profile())
                .orElseThrow(() -> new IllegalStateException("IKEv2 profile " + s.profile()
                        + " names no configured virtual template"));
        Sessions.print(session, SessionText.derivedConfig(s, template));
        return null;
    }
}
