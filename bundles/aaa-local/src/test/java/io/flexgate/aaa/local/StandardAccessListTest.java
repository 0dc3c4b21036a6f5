package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardAccessListTest {

    private static List<String> prefixes(String... entries) {
        return StandardAccessList.parse("t", List.of(entries)).permittedPrefixes().stream().map(IpPrefix::toString)
                .toList();
    }

    /** The seed's {@code ip access-list standard split_tunnel / permit 10.0.0.0 0.255.255.255}. */
    @Test
    void seedSplitTunnelIsTenSlashEight() {
        assertThat(prefixes("permit 10.0.0.0 0.255.255.255")).containsExactly("10.0.0.0/8");
    }

    @Test
    void hostAnyAndBareAddressForms() {
        assertThat(prefixes("permit host 1.2.3.4", "permit 5.6.7.8", "10 permit 192.168.0.0 0.0.255.255",
                "remark corporate", "deny any")).containsExactly("1.2.3.4/32", "5.6.7.8/32", "192.168.0.0/16");
        assertThat(prefixes("permit any")).containsExactly("0.0.0.0/0");
        assertThat(prefixes("deny any", "permit 10.0.0.0 0.255.255.255")).isEmpty();
    }

    @Test
    void denyBeforeAPermitCarvesItsAddressesOut() throws Exception {
        List<String> routes = prefixes("deny 10.1.0.0 0.0.255.255", "permit 10.0.0.0 0.255.255.255");
        assertThat(routes).containsExactly("10.0.0.0/16", "10.2.0.0/15", "10.4.0.0/14", "10.8.0.0/13",
                "10.16.0.0/12", "10.32.0.0/11", "10.64.0.0/10", "10.128.0.0/9");
        StandardAccessList acl = StandardAccessList.parse("t",
                List.of("deny 10.1.0.0 0.0.255.255", "permit 10.0.0.0 0.255.255.255"));
        // The routes are exactly what the ACL permits, address by address.
        for (String a : List.of("10.0.255.255", "10.1.0.0", "10.1.255.255", "10.2.0.0", "10.255.255.255",
                "11.0.0.0", "9.255.255.255")) {
            InetAddress address = InetAddress.getByName(a);
            boolean routed = acl.permittedPrefixes().stream().anyMatch(p -> p.contains(address));
            assertThat(routed).as(a).isEqualTo(acl.permits(address));
        }
    }

    @Test
    void denyAfterAPermitHasNoEffectAndAdjacentPermitsAggregate() {
        assertThat(prefixes("permit 10.0.0.0 0.255.255.255", "deny host 10.1.2.3")).containsExactly("10.0.0.0/8");
        assertThat(prefixes("permit 10.0.0.0 0.0.0.255", "permit 10.0.1.0 0.0.0.255")).containsExactly("10.0.0.0/23");
        assertThat(prefixes("permit 10.0.0.0 0.0.255.255", "permit 10.0.1.0 0.0.0.255")).containsExactly("10.0.0.0/16");
    }

    @Test
    void badEntriesAreRefusedWithTheListAndLineNamed() {
        assertThatThrownBy(() -> prefixes("allow any")).hasMessageContaining("access list t")
                .hasMessageContaining("not a permit or deny");
        assertThatThrownBy(() -> prefixes("permit 10.0.0.0 255.0.0.0")).hasMessageContaining("is a netmask");
        assertThatThrownBy(() -> prefixes("permit 10.0.0.0 0.0.255.0")).hasMessageContaining("non-contiguous");
        assertThatThrownBy(() -> prefixes("permit host example.com")).hasMessageContaining("'permit host example.com'");
        assertThatThrownBy(() -> prefixes("permit 10.0.0.0/8")).hasMessageContaining("expected any");
    }

    @Test
    void subtractionGivesDisjointPiecesCoveringTheDifference() {
        List<IpPrefix> pieces = PrefixSets.subtract(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("10.1.2.3/32"));
        assertThat(pieces).hasSize(24);
        assertThat(pieces).noneMatch(p -> p.contains(ip("10.1.2.3")));
        assertThat(pieces).anyMatch(p -> p.contains(ip("10.1.2.2")));
        List<IpPrefix> whole = new java.util.ArrayList<>(pieces);
        whole.add(IpPrefix.parse("10.1.2.3/32"));
        assertThat(PrefixSets.aggregate(whole)).containsExactly(IpPrefix.parse("10.0.0.0/8"));
        assertThat(PrefixSets.subtract(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("0.0.0.0/0"))).isEmpty();
        assertThat(PrefixSets.subtract(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("11.0.0.0/8")))
                .containsExactly(IpPrefix.parse("10.0.0.0/8"));
    }

    private static InetAddress ip(String s) {
        return IpPrefix.parse(s).network();
    }
}
