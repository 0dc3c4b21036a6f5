package io.flexgate.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.nat.NatException;
import io.flexgate.api.nat.NatService.NatRule;
import io.flexgate.api.net.IpPrefix;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {

    /** The seed's "ip access-list extended NAT / permit ip 192.168.10.0 0.0.0.255 any". */
    private static final NatRule SEED = new NatRule("NAT", List.of(IpPrefix.parse("192.168.10.0 0.0.0.255")), "eth0");

    @Test
    void seedRuleBecomesOneMasqueradeInFlexGatesTable() {
        assertThat(NftRuleset.replaceTable("flexgate", List.of(SEED))).isEqualTo("""
                table inet flexgate {
                }
                delete table inet flexgate
                table inet flexgate {
                \tchain postrouting {
                \t\ttype nat hook postrouting priority 100; policy accept;
                \t\tip saddr { 192.168.10.0/24 } oifname "eth0" counter masquerade comment "NAT"
                \t}
                }
                """);
    }

    @Test
    void familiesGetTheirOwnStatementsAndRulesAreSortedByName() {
        NatRule mixed = new NatRule("B-mixed",
                List.of(IpPrefix.parse("10.1.0.0/16"), IpPrefix.parse("fd00:1::/64"), IpPrefix.parse("10.2.0.0/16")),
                "wan0");
        NatRule first = new NatRule("A", List.of(IpPrefix.parse("172.16.0.0/12")), "wan1");

        String script = NftRuleset.replaceTable("flexgate", List.of(mixed, first));

        assertThat(script.lines().filter(l -> l.contains("masquerade")).toList()).containsExactly(
                "\t\tip saddr { 172.16.0.0/12 } oifname \"wan1\" counter masquerade comment \"A\"",
                "\t\tip saddr { 10.1.0.0/16, 10.2.0.0/16 } oifname \"wan0\" counter masquerade comment \"B-mixed\"",
                "\t\tip6 saddr { fd00:1:0:0:0:0:0:0/64 } oifname \"wan0\" counter masquerade comment \"B-mixed\"");
    }

    @Test
    void noRulesLeavesAnEmptyChainSoTheTableShowsItIsOurs() {
        String script = NftRuleset.replaceTable("flexgate", List.of());
        assertThat(script).contains("chain postrouting").doesNotContain("masquerade");
    }

    @Test
    void deletingNamesOnlyOurTableAndNeverFailsWhenItIsGone() {
        assertThat(NftRuleset.deleteTable("flexgate"))
                .isEqualTo("table inet flexgate {\n}\ndelete table inet flexgate\n");
    }

    @Test
    void interfaceNamesThatCouldEscapeTheQuotesAreRefused() {
        for (String bad : new String[] {"eth0\" accept", "eth 0", "", "a-very-long-interface", "-eth0", "eth0;"}) {
            assertThatThrownBy(() -> NftRuleset.check(new NatRule("NAT", SEED.sources(), bad)))
                    .isInstanceOf(NatException.class).hasMessageContaining("not a Linux interface name");
        }
    }

    @Test
    void ruleNamesEndUpInCommentsAndAreChecked() throws NatException {
        NftRuleset.check(new NatRule("split_tunnel.v4:1", SEED.sources(), "eth0"));
        assertThatThrownBy(() -> NftRuleset.check(new NatRule("NAT\" drop", SEED.sources(), "eth0")))
                .isInstanceOf(NatException.class).hasMessageContaining("NAT rule name");
        assertThatThrownBy(() -> NftRuleset.check(new NatRule("x".repeat(NftRuleset.MAX_RULE_NAME + 1),
                SEED.sources(), "eth0"))).isInstanceOf(NatException.class);
    }

    @Test
    void sourcesMustBePresentAndBounded() {
        assertThatThrownBy(() -> NftRuleset.check(new NatRule("NAT", List.of(), "eth0")))
                .isInstanceOf(NatException.class).hasMessageContaining("no sources");
        List<IpPrefix> tooMany = Collections.nCopies(NftRuleset.MAX_SOURCES + 1, IpPrefix.parse("10.0.0.0/8"));
        assertThatThrownBy(() -> NftRuleset.check(new NatRule("NAT", tooMany, "eth0")))
                .isInstanceOf(NatException.class).hasMessageContaining("more than " + NftRuleset.MAX_SOURCES);
    }

    @Test
    void tableNamesAreChecked() {
        assertThat(NftRuleset.checkTableName("flexgate_2")).isEqualTo("flexgate_2");
        for (String bad : new String[] {"", "2fg", "flex gate", "fg;flush ruleset", "fg-x"}) {
            assertThatThrownBy(() -> NftRuleset.checkTableName(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
