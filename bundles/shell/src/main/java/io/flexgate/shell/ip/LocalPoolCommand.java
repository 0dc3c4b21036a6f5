package io.flexgate.shell.ip;

import io.flexgate.api.pool.AddressPool;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
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
 * {@code ip:local-pool [NAME]}: IOS {@code show ip local pool [NAME]}, one line per range (Pool, Begin,
 * End, Free, In use); with a name, also the addresses in use and who holds them.
 */
@Service
@Command(scope = "ip", name = "local-pool", description = "Shows the IP local pools (show ip local pool)")
public class LocalPoolCommand implements Action {

    @Reference
    BundleContext bundleContext;

    @Reference
    Session session;

    @Argument(index = 0, name = "name", required = false, description = "Pool name")
    String name;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() throws InvalidSyntaxException {
        List<ServiceReference<AddressPool>> refs = new ArrayList<>(
                bundleContext.getServiceReferences(AddressPool.class, null));
        List<AddressPool> pools = new ArrayList<>();
        try {
            for (ServiceReference<AddressPool> ref : refs) {
                AddressPool pool = bundleContext.getService(ref);
                if (pool != null && (name == null || name.equals(pool.name()))) {
                    pools.add(pool);
                }
            }
            if (name != null && pools.isEmpty()) {
                throw new IllegalArgumentException("no ip local pool " + name);
            }
            print(pools);
        } finally {
            refs.forEach(bundleContext::ungetService);
        }
        return null;
    }

    private void print(List<AddressPool> pools) {
        ShellTable table = new ShellTable();
        table.column("Pool");
        table.column("Begin");
        table.column("End");
        table.column("Free").alignRight();
        table.column("In use").alignRight();
        for (LocalPoolRows.UsageRow row : LocalPoolRows.usage(pools)) {
            table.addRow().addContent(row.pool(), row.begin(), row.end(), row.free(), row.inUse());
        }
        table.print(session.getConsole(), !noFormat);
        if (name == null) {
            return;
        }
        session.getConsole().println("Inuse addresses:");
        ShellTable leases = new ShellTable();
        leases.column("Address");
        leases.column("User");
        leases.column("Session").alignRight();
        leases.column("Since");
        for (LocalPoolRows.LeaseRow row : LocalPoolRows.leases(pools.get(0))) {
            leases.addRow().addContent(row.address() + (row.outsideRanges() ? " (range removed)" : ""), row.user(),
                    row.session(), row.since());
        }
        leases.print(session.getConsole(), !noFormat);
    }
}
