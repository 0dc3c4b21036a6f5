package io.flexgate.api.nat;

import io.flexgate.api.net.IpPrefix;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * NAT overload of client traffic ({@code ip nat inside source list ACL interface IF overload}). The nft
 * implementation keeps every rule in one table that FlexGate owns and touches nothing else.
 * Thread-safe.
 */
@ProviderType
public interface NatService {

    /** Adds or replaces the rule with the same name. */
    void apply(NatRule rule) throws NatException;

    /** Removes the rule. Idempotent. */
    void remove(String name) throws NatException;

    /** The rules in force. */
    List<NatRule> rules();

    /**
     * One overload rule.
     *
     * @param name             the rule's name (the configuration's)
     * @param sources          inside sources to translate (the ACL's permit entries)
     * @param outsideInterface the interface whose address the sources leave with
     */
    record NatRule(String name, List<IpPrefix> sources, String outsideInterface) {
        public NatRule {
            sources = List.copyOf(sources);
        }
    }
}
