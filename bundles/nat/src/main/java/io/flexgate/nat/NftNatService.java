package io.flexgate.nat;

import io.flexgate.api.nat.NatException;
import io.flexgate.api.nat.NatService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NAT overload through the kernel's nftables. On activation it creates FlexGate's table (empty chain
 * {@code postrouting}, a source-NAT hook); every {@link #apply} or {@link #remove} rewrites that table in one
 * transaction; deactivation deletes it. No other table, chain or rule is ever named.
 *
 * <p>Delayed on purpose: DS activates it when the first user (a configured rule, the IKE engine) gets the
 * service and deactivates it when the last one lets go, so the table exists exactly while NAT is in use and
 * a system without NAT configuration never touches nftables.
 */
@Component(service = NatService.class,
        property = NftNatService.PROP_KIND + "=" + NftNatService.KIND,
        configurationPid = "io.flexgate.nat.nftables", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NftConfiguration.class)
public final class NftNatService implements NatService {

    /** Service property telling NAT implementations apart. */
    public static final String PROP_KIND = "nat.kind";
    /** The value of {@link #PROP_KIND}. */
    public static final String KIND = "nftables";
    static final String DEFAULT_TABLE = "flexgate";
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");

    private static final Logger LOG = LoggerFactory.getLogger(NftNatService.class);

    private final Nft nft;
    private final String table;
    private final Object lock = new Object();
    // Guarded by lock: the rules in the kernel, by name.
    private final Map<String, NatRule> rules = new TreeMap<>();

    @Activate
    public NftNatService(NftConfiguration config) throws NatException {
        this(NatRuleComponent.words(config.nft_command()), config.table_name());
        warnWithoutForwarding();
    }

    /** Logs why activation failed, because DS reports a failing constructor only at its own level. */
    private static NatException logged(NatException e) {
        LOG.error("NAT overload unavailable: {}", e.getMessage());
        return e;
    }

    /** Creates the (empty) table at once; fails when nft is missing or refuses. */
    NftNatService(List<String> nftCommand, String table) throws NatException {
        this.nft = new Nft(nftCommand);
        this.table = NftRuleset.checkTableName(table);
        try {
            nft.apply(NftRuleset.replaceTable(table, List.of()));
        } catch (NatException e) {
            throw logged(e);
        }
        LOG.info("nftables table {} {} created for NAT overload", NftRuleset.FAMILY, table);
    }

    @Override
    public void apply(NatRule rule) throws NatException {
        NftRuleset.check(rule);
        synchronized (lock) {
            Map<String, NatRule> next = new TreeMap<>(rules);
            next.put(rule.name(), rule);
            nft.apply(NftRuleset.replaceTable(table, next.values()));
            rules.put(rule.name(), rule);
        }
        LOG.info("ip nat inside source {} interface {} overload: rule {} applied", rule.sources(),
                rule.outsideInterface(), rule.name());
    }

    @Override
    public void remove(String name) throws NatException {
        synchronized (lock) {
            if (!rules.containsKey(name)) {
                return;
            }
            Map<String, NatRule> next = new TreeMap<>(rules);
            next.remove(name);
            nft.apply(NftRuleset.replaceTable(table, next.values()));
            rules.remove(name);
        }
        LOG.info("NAT rule {} removed", name);
    }

    @Override
    public List<NatRule> rules() {
        synchronized (lock) {
            return List.copyOf(rules.values());
        }
    }

    /** The table as nft lists it, for diagnostics. */
    public String listTable() throws NatException {
        return nft.listTable(NftRuleset.FAMILY, table);
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            try {
                nft.apply(NftRuleset.deleteTable(table));
                rules.clear();
                LOG.info("nftables table {} {} removed", NftRuleset.FAMILY, table);
            } catch (NatException e) {
                LOG.error("could not remove nftables table {} {}; remove it with 'nft delete table {} {}': {}",
                        NftRuleset.FAMILY, table, NftRuleset.FAMILY, table, e.getMessage());
            }
        }
    }

    private static void warnWithoutForwarding() {
        try {
            if (Files.readString(IP_FORWARD).trim().equals("0")) {
                LOG.warn("net.ipv4.ip_forward is 0: client traffic will not be forwarded, so NAT overload has"
                        + " nothing to translate (sysctl -w net.ipv4.ip_forward=1)");
            }
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", IP_FORWARD, e.getMessage());
        }
    }
}
