package io.flexgate.ios.config;

import io.flexgate.api.aaa.LocalUserAdmin;
import io.flexgate.api.aaa.LocalUserAdmin.UserChange;
import io.flexgate.api.config.ConfigFiles;
import io.flexgate.api.config.IosConfiguration;
import io.flexgate.api.config.IosConfiguration.Rejected;
import io.flexgate.api.pki.PkiException;
import io.flexgate.api.pki.TrustpointAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The importer and exporter over ConfigAdmin. Updates merge: attributes an IOS text cannot express stay as
 * they are, those it is authoritative for ({@link ObjectKind#owned}) are replaced or removed. Users go to the
 * local user database, hashed there. Each object written is in its etc/ file, on disk, before ConfigAdmin
 * is updated and before the import reports it ({@link ConfigFiles}).
 */
@Component(service = IosConfiguration.class)
public final class IosConfigurationService implements IosConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(IosConfigurationService.class);
    private static final String MASK = "********";

    private final ConfigurationAdmin configAdmin;
    /** Karaf's etc/, where each object the import writes gets its file; empty: ConfigAdmin only. */
    private final Optional<Path> etc;
    private volatile LocalUserAdmin users;
    private volatile TrustpointAdmin trustpoints;

    @Activate
    public IosConfigurationService(@Reference ConfigurationAdmin configAdmin) {
        this(configAdmin, ConfigFiles.etc());
    }

    IosConfigurationService(ConfigurationAdmin configAdmin, Optional<Path> etc) {
        this.configAdmin = configAdmin;
        this.etc = etc;
        if (etc.isEmpty()) {
            LOG.warn("karaf.etc is not set: imported objects are kept by ConfigAdmin only, without etc/ files");
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetUsers")
    void setUsers(LocalUserAdmin users) {
        this.users = users;
    }

    void unsetUsers(LocalUserAdmin gone) {
        if (users == gone) {
            users = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unsetTrustpoints")
    void setTrustpoints(TrustpointAdmin trustpoints) {
        this.trustpoints = trustpoints;
    }

    void unsetTrustpoints(TrustpointAdmin gone) {
        if (trustpoints == gone) {
            trustpoints = null;
        }
    }

    @Override
    public ImportReport plan(String text) throws IOException {
        return run(withoutOverlappingPools(IosParser.parse(text)), false, false);
    }

    @Override
    public ImportReport apply(String text, boolean partial) throws IOException {
        IosParser.Parsed parsed = withoutOverlappingPools(IosParser.parse(text));
        return run(parsed, parsed.rejected().isEmpty() || partial, partial);
    }

    /** The text with each pool that overlaps another pool taken out and rejected ({@link PoolOverlaps}). */
    private IosParser.Parsed withoutOverlappingPools(IosParser.Parsed parsed) throws IOException {
        Map<String, List<String>> configured = new LinkedHashMap<>();
        for (Configuration c : list(ObjectKind.POOL)) {
            Object name = c.getProperties().get(ObjectKind.POOL.nameKey);
            configured.put(name == null ? pidName(c) : name.toString().trim(),
                    ConfigObject.strings(c.getProperties().get("ranges"), true));
        }
        List<Rejected> overlaps = PoolOverlaps.check(parsed.objects(), configured);
        if (overlaps.isEmpty()) {
            return parsed;
        }
        Set<Integer> lines = overlaps.stream().map(Rejected::line).collect(Collectors.toSet());
        List<ConfigObject> kept = parsed.objects().stream()
                .filter(o -> o.kind != ObjectKind.POOL || !lines.contains(o.line)).toList();
        List<Rejected> rejected = new ArrayList<>(parsed.rejected());
        rejected.addAll(overlaps);
        rejected.sort(Comparator.comparingInt(Rejected::line));
        return new IosParser.Parsed(kept, parsed.users(), parsed.keyImports(), List.copyOf(rejected), parsed.notes());
    }

    @Override
    public String runningConfig() throws IOException {
        List<ConfigObject> objects = new ArrayList<>();
        for (ObjectKind kind : ObjectKind.values()) {
            for (Configuration c : list(kind)) {
                objects.add(ConfigObject.fromProperties(kind, pidName(c), c.getProperties()));
            }
        }
        LocalUserAdmin admin = users;
        List<String> names = admin == null ? List.of()
                : admin.users().stream().map(LocalUserAdmin.LocalUser::username).toList();
        return IosWriter.write(objects, names);
    }

    private ImportReport run(IosParser.Parsed parsed, boolean write, boolean partial) throws IOException {
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>(parsed.notes());
        for (IosParser.KeyImport k : parsed.keyImports()) {
            changes.add(new Change("crypto pki import " + k.trustpoint(), Action.KEY_IMPORT,
                    new TreeMap<>(Map.of("file", k.file(), "password", MASK))));
            keyImport(k, write).ifPresent(notes::add);
        }
        for (ConfigObject o : parsed.objects()) {
            if (o.kind == ObjectKind.NAT) {
                resolveOutside(o, parsed.objects()).ifPresent(notes::add);
            }
            Optional<Configuration> existing = find(o);
            Dictionary<String, Object> merged = merge(existing.map(Configuration::getProperties).orElse(null), o);
            Action action = existing.isEmpty() ? Action.CREATE
                    : comparable(o.kind, existing.get().getProperties()).equals(comparable(o.kind, merged))
                            ? Action.UNCHANGED : Action.UPDATE;
            changes.add(new Change(o.target(), action, shown(o)));
            if (write && action != Action.UNCHANGED) {
                Configuration c = existing.isPresent() ? existing.get()
                        : configAdmin.getFactoryConfiguration(o.kind.factoryPid, o.name, "?");
                persist(o, merged);
                c.update(merged);
                LOG.info("import-ios: {} {}", action, o.target());
            }
        }
        LocalUserAdmin admin = users;
        for (IosParser.UserLine u : parsed.users()) {
            changes.add(new Change("username " + u.username(), Action.USER, new TreeMap<>()));
            if (!write) {
                continue;
            }
            if (admin == null) {
                notes.add("line " + u.line() + ": user " + u.username() + " not added: the local user database "
                        + "(aaa-local) is not running");
                continue;
            }
            UserChange result = admin.importIosLine(u.text(), false);
            if (result instanceof UserChange.Refused refused) {
                notes.add("line " + u.line() + ": user " + u.username() + " refused: " + refused.reason());
            }
        }
        if (!write && !parsed.rejected().isEmpty() && !partial) {
            notes.add("nothing applied: " + parsed.rejected().size() + " line(s) rejected (--partial applies the rest)");
        }
        return new ImportReport(changes, parsed.rejected(), notes, write);
    }

    /**
     * {@code crypto pki import}: the file relative to {@code ${karaf.base}} (the router's flash), imported
     * through the trustpoint service, which checks the key and writes the trustpoint's configuration.
     *
     * @return a note when nothing was (or would be) imported
     */
    private Optional<String> keyImport(IosParser.KeyImport k, boolean write) {
        Path file = Path.of(k.file());
        String base = System.getProperty("karaf.base");
        Path path = file.isAbsolute() || base == null ? file : Path.of(base).resolve(file);
        String prefix = "line " + k.line() + ": crypto pki import " + k.trustpoint() + ": ";
        if (!Files.isRegularFile(path)) {
            return Optional.of(prefix + path + " not found: trustpoint " + k.trustpoint() + " left as it is (copy "
                    + "the file there, or use crypto:pki-import)");
        }
        TrustpointAdmin admin = trustpoints;
        if (admin == null) {
            return Optional.of(prefix + "the pki bundle is not running: nothing imported");
        }
        if (!write) {
            return Optional.empty();
        }
        char[] password = k.password().toCharArray();
        try {
            admin.importFile(k.trustpoint(), path, password);
            LOG.info("import-ios: key imported into trustpoint {} from {}", k.trustpoint(), path);
            return Optional.empty();
        } catch (PkiException e) {
            return Optional.of(prefix + "refused: " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * {@code interface GigabitEthernet1} is an IOS name; nftables needs this host's. The interface's
     * {@code linux.name} (kept across imports, which never set it) gives it.
     *
     * @return a note when the name stays an IOS name
     */
    private Optional<String> resolveOutside(ConfigObject nat, List<ConfigObject> imported) throws IOException {
        String outside = nat.text("outside.interface");
        if (IosParser.normalizeInterface(outside) == null) {
            return Optional.empty(); // a Linux name already
        }
        ConfigObject itf = new ConfigObject(ObjectKind.INTERFACE, outside, 0);
        Optional<String> linux = find(itf).map(c -> c.getProperties().get("linux.name")).map(Object::toString)
                .map(String::trim).filter(v -> !v.isEmpty());
        if (linux.isPresent()) {
            nat.set("outside.interface", linux.get());
            return Optional.empty();
        }
        boolean declared = imported.stream().anyMatch(o -> o.target().equals(itf.target()));
        return Optional.of("line " + nat.line + ": NAT rule " + nat.name + " leaves through " + outside + ", an IOS "
                + "name: set linux.name on " + (declared ? "" : "a configuration ") + ObjectKind.INTERFACE.factoryPid
                + "~" + outside + " (e.g. eth0) and import again, or set outside.interface on "
                + nat.target());
    }

    /**
     * Writes the object's etc/ file (the one it came from, or {@code etc/<factoryPid>-<name>.cfg} for an object
     * that has none) before ConfigAdmin hears of the change, and records it in {@code merged} as FileInstall
     * does, so that a crash at any point leaves either the old object or the new one on the next start.
     */
    private void persist(ConfigObject o, Dictionary<String, Object> merged) throws IOException {
        if (etc.isEmpty()) {
            return;
        }
        boolean secret = Collections.list(merged.keys()).stream().anyMatch(ObjectKind.SECRETS::contains);
        ConfigFiles.persist(etc.get(), o.kind.factoryPid, o.name, merged, secret);
    }

    /** The existing properties without the owned attributes, plus the text's. */
    static Dictionary<String, Object> merge(Dictionary<String, Object> existing, ConfigObject o) {
        Hashtable<String, Object> merged = new Hashtable<>();
        if (existing != null) {
            for (var keys = existing.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                if (!o.kind.owned.contains(key) && !key.startsWith("service.")) {
                    merged.put(key, existing.get(key));
                }
            }
        }
        merged.putAll(o.properties());
        return merged;
    }

    /** Attribute values in one form, whatever form ConfigAdmin or a .cfg file holds them in. */
    static Map<String, List<String>> comparable(ObjectKind kind, Dictionary<String, ?> properties) {
        Map<String, List<String>> out = new HashMap<>();
        for (var keys = properties.keys(); keys.hasMoreElements(); ) {
            String key = keys.nextElement();
            if (!key.startsWith("service.") && !key.startsWith("felix.")) {
                out.put(key, ConfigObject.strings(properties.get(key), kind.lists.contains(key)));
            }
        }
        return out;
    }

    private static TreeMap<String, String> shown(ConfigObject o) {
        TreeMap<String, String> out = new TreeMap<>();
        o.values().forEach((k, v) -> out.put(k, ObjectKind.SECRETS.contains(k) ? MASK : String.join(",", v)));
        return out;
    }

    private Optional<Configuration> find(ConfigObject o) throws IOException {
        for (Configuration c : list(o.kind)) {
            Object name = c.getProperties().get(o.kind.nameKey);
            if (o.name.equals(name == null ? pidName(c) : name.toString().trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private List<Configuration> list(ObjectKind kind) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.factoryPid=" + kind.factoryPid + ")");
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the factory PIDs are constants", e);
        }
    }

    /** {@code ACP00L} from {@code io.flexgate.pool~ACP00L}. */
    private static String pidName(Configuration c) {
        String pid = c.getPid();
        int tilde = pid.indexOf('~');
        return tilde < 0 ? pid : pid.substring(tilde + 1);
    }
}
