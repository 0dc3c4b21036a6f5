package io.flexgate.shell.platform;

import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.nat.NatService;
import io.flexgate.api.pki.Trustpoint;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.api.session.SessionListener;
import io.flexgate.api.session.SessionRegistry;
import io.flexgate.api.tun.TunFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code flexgate:status} lists: every kind of FlexGate service and the instances present now.
 * Built from service properties only, so listing never activates a lazy component.
 */
public final class PlatformInventory {

    /**
     * A kind of service the operator cares about, how to name an instance from its service properties,
     * and what else to show about it.
     */
    public record Kind(String label, Class<?> type, Function<Map<String, Object>, String> name,
            Function<Map<String, Object>, String> detail) {
    }

    /** One registered service, by its properties. */
    public record Registration(Class<?> type, Map<String, Object> properties, String bundle) {
    }

    /** One line of the table. */
    public record Row(String kind, String name, String detail, String provider) {
    }

    /** The kinds in the order the table lists them. */
    public static final List<Kind> KINDS = List.of(
            new Kind("EAP method", EapMethod.class, p -> str(p, EapMethod.PROP_NAME),
                    p -> "type " + eapType(p)),
            new Kind("Credential store", CredentialStore.class, p -> str(p, CredentialStore.PROP_METHOD), p -> ""),
            new Kind("Authorizer", Authorizer.class, p -> str(p, CredentialStore.PROP_METHOD), p -> ""),
            new Kind("AAA method list", AaaMethodList.class, p -> str(p, AaaMethodList.PROP_NAME),
                    p -> str(p, AaaMethodList.PROP_KIND)),
            new Kind("Address pool", AddressPool.class, p -> str(p, AddressPool.PROP_NAME), p -> ""),
            new Kind("Trustpoint", Trustpoint.class, p -> str(p, Trustpoint.PROP_NAME), p -> ""),
            new Kind("Data plane", DataPlane.class, p -> str(p, DataPlane.PROP_KIND), p -> ""),
            new Kind("TUN", TunFactory.class, p -> str(p, TunFactory.PROP_KIND), p -> ""),
            new Kind("NAT", NatService.class, p -> str(p, "nat.kind"), p -> ""),
            new Kind("IKE extension", IkeExtension.class, p -> str(p, "extension.name"), p -> ""),
            new Kind("Session registry", SessionRegistry.class, p -> "", p -> ""),
            new Kind("Session listener", SessionListener.class, p -> str(p, "component.name"), p -> ""));

    private PlatformInventory() {
    }

    /**
     * The table rows: one per registration, and one {@code not present} row for each kind with none, so
     * that a missing data plane or EAP method shows.
     */
    public static List<Row> rows(List<Registration> registrations) {
        List<Row> rows = new ArrayList<>();
        for (Kind kind : KINDS) {
            List<Row> ofKind = new ArrayList<>();
            for (Registration r : registrations) {
                if (r.type() == kind.type()) {
                    ofKind.add(new Row(kind.label(), kind.name().apply(r.properties()),
                            kind.detail().apply(r.properties()), r.bundle()));
                }
            }
            if (ofKind.isEmpty()) {
                rows.add(new Row(kind.label(), "-", "not present", "-"));
            } else {
                ofKind.sort(Comparator.comparing(Row::name));
                rows.addAll(ofKind);
            }
        }
        return rows;
    }

    private static String str(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? "?" : String.valueOf(v);
    }

    private static String eapType(Map<String, Object> p) {
        Object type = p.get(EapMethod.PROP_TYPE);
        Object vendor = p.get(EapMethod.PROP_VENDOR);
        if (vendor instanceof Number n && n.intValue() != 0) {
            return type + " (expanded, vendor " + vendor + ")";
        }
        return String.valueOf(type);
    }
}
