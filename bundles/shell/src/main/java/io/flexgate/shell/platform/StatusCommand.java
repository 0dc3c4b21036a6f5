package io.flexgate.shell.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code flexgate:status}: which FlexGate services are present right now, the operator's
 * {@code show platform}. Hot-deployed bundles appear and disappear here as they come and go.
 */
@Service
@Command(scope = "flexgate", name = "status", description = "Lists the FlexGate services present now: "
        + "EAP methods, AAA, pools, trustpoints, data plane, TUN, NAT, extensions")
public class StatusCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() throws InvalidSyntaxException {
        List<PlatformInventory.Registration> registrations = new ArrayList<>();
        for (PlatformInventory.Kind kind : PlatformInventory.KINDS) {
            ServiceReference<?>[] refs = bundleContext.getAllServiceReferences(kind.type().getName(), null);
            if (refs == null) {
                continue;
            }
            for (ServiceReference<?> ref : refs) {
                Map<String, Object> props = new HashMap<>();
                for (String key : ref.getPropertyKeys()) {
                    props.put(key, ref.getProperty(key));
                }
                String bundle = ref.getBundle() == null ? "?"
                        : ref.getBundle().getSymbolicName() + " [" + ref.getBundle().getBundleId() + "]";
                registrations.add(new PlatformInventory.Registration(kind.type(), props, bundle));
            }
        }
        ShellTable table = new ShellTable();
        table.column("Service");
        table.column("Name");
        table.column("Detail");
        table.column("Provided by");
        for (PlatformInventory.Row row : PlatformInventory.rows(registrations)) {
            table.addRow().addContent(row.kind(), row.name(), row.detail(), row.provider());
        }
        table.print(session.getConsole(), !noFormat);
        return null;
    }
}
