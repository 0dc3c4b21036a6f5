package io.flexgate.ios.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.config.IosConfiguration.Rejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The seed's configuration (Cisco's FlexVPN AnyConnect IKEv2 guide, steps 1-14) read into DESIGN section 3. */
class IosParserTest {

    static final Path SEED = Path.of("../../examples/seed-flexvpn.cfg");

    static String seed() throws IOException {
        return Files.readString(SEED, StandardCharsets.UTF_8);
    }

    /** The RADIUS statements of docs/radius.md and itests/interop/radius/etc, as IOS-XE writes them. */
    static final String RADIUS = String.join("\n",
            "aaa group server radius radius",
            " server name fr1",
            " server name fr2",
            "!",
            "aaa accounting network r-acct start-stop group radius group backup",
            "radius server fr1",
            " address ipv4 127.0.0.1 auth-port 18120 acct-port 18130",
            " key flexgate-test-secret",
            " timeout 3",
            " retransmit 2",
            " deadtime 1",
            "!",
            "radius server fr2",
            " address ipv6 2001:db8::12",
            " key 0 second-secret",
            "!",
            "crypto ikev2 profile RADIUS-EAP",
            " match identity remote email domain radius.flexgate.test",
            " authentication local rsa-sig",
            " authentication remote eap query-identity",
            " pki trustpoint IKEv2-TP",
            " aaa authentication eap r-authen",
            " aaa accounting eap r-acct",
            "!",
            "");

    static Map<String, Map<String, List<String>>> byTarget(List<ConfigObject> objects) {
        return objects.stream().collect(Collectors.toMap(ConfigObject::target, ConfigObject::values,
                (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void theSeedIsReadWhollyIntoTheShippedPidsAndAttributes() throws IOException {
        IosParser.Parsed parsed = IosParser.parse(seed());

        assertThat(parsed.rejected()).isEmpty();
        Map<String, Map<String, List<String>>> o = byTarget(parsed.objects());
        assertThat(o.keySet()).containsExactlyInAnyOrder("io.flexgate.aaa.list~a-eap-authen-local",
                "io.flexgate.aaa.list~a-eap-author-grp",
                "io.flexgate.pool~ACP00L", "io.flexgate.ikev2.authorization~ikev2-auth-policy",
                "io.flexgate.ikev2.proposal~IKEv2-prop1", "io.flexgate.anyconnect.profile~acvpn",
                "io.flexgate.ikev2.profile~AnyConnect-EAP", "io.flexgate.ipsec.transformset~TS",
                "io.flexgate.ipsec.profile~AnyConnect-EAP", "io.flexgate.interface~Loopback100",
                "io.flexgate.interface~Virtual-Template100", "io.flexgate.interface~GigabitEthernet1",
                "io.flexgate.acl~split_tunnel", "io.flexgate.nat~NAT");
        // The same attributes as etc/io.flexgate.aaa.list-a-eap-authen-local.cfg
        assertThat(o.get("io.flexgate.aaa.list~a-eap-authen-local")).isEqualTo(Map.of("aaa.list.name",
                List.of("a-eap-authen-local"), "aaa.list.kind", List.of("authentication"), "methods", List.of("local")));
        assertThat(o.get("io.flexgate.aaa.list~a-eap-author-grp").get("aaa.list.kind")).containsExactly("authorization");
        assertThat(o.get("io.flexgate.pool~ACP00L").get("ranges")).containsExactly("192.168.10.5 192.168.10.10");
        // Step 4 and step 13 enter the same policy.
        assertThat(o.get("io.flexgate.ikev2.authorization~ikev2-auth-policy")).isEqualTo(Map.of("name",
                List.of("ikev2-auth-policy"), "pool", List.of("ACP00L"), "dns", List.of("10.0.1.1"), "route.set.acl",
                List.of("split_tunnel")));
        assertThat(o.get("io.flexgate.ikev2.proposal~IKEv2-prop1")).containsEntry("encryption", List.of("aes-cbc-256"))
                .containsEntry("integrity", List.of("sha256")).containsEntry("group", List.of("14"));
        assertThat(o.get("io.flexgate.anyconnect.profile~acvpn").get("file")).containsExactly("anyconnect/acvpn.xml");
        assertThat(o.get("io.flexgate.ikev2.profile~AnyConnect-EAP")).isEqualTo(Map.ofEntries(
                Map.entry("name", List.of("AnyConnect-EAP")),
                Map.entry("match.identity.remote", List.of("key-id *$AnyConnectClient$*")),
                Map.entry("authentication.local", List.of("rsa-sig")),
                Map.entry("authentication.remote", List.of("anyconnect-eap aggregate")),
                Map.entry("pki.trustpoint", List.of("IKEv2-TP")),
                Map.entry("aaa.authentication.list", List.of("a-eap-authen-local")),
                Map.entry("aaa.authorization.group.list", List.of("a-eap-author-grp")),
                Map.entry("aaa.authorization.group.policy", List.of("ikev2-auth-policy")),
                Map.entry("aaa.authorization.user.cached", List.of("true")),
                Map.entry("virtual.template", List.of("100")),
                Map.entry("anyconnect.profile", List.of("acvpn"))));
        assertThat(o.get("io.flexgate.ipsec.transformset~TS")).containsEntry("transforms",
                List.of("esp-aes 256 esp-sha256-hmac")).containsEntry("mode", List.of("tunnel"));
        assertThat(o.get("io.flexgate.ipsec.profile~AnyConnect-EAP")).isEqualTo(Map.of("name", List.of("AnyConnect-EAP"),
                "set.transform-set", List.of("TS"), "set.ikev2-profile", List.of("AnyConnect-EAP")));
        assertThat(o.get("io.flexgate.interface~Loopback100").get("ip.address"))
                .containsExactly("10.0.0.1 255.255.255.255");
        // Step 12, then step 14's 'interface Virtual-Template 100 / ip nat inside'.
        assertThat(o.get("io.flexgate.interface~Virtual-Template100")).isEqualTo(Map.of("name",
                List.of("Virtual-Template100"), "ip.unnumbered", List.of("Loopback100"), "ip.mtu", List.of("1400"),
                "ip.nat", List.of("inside"), "tunnel.protection.ipsec.profile", List.of("AnyConnect-EAP")));
        assertThat(o.get("io.flexgate.interface~GigabitEthernet1").get("ip.nat")).containsExactly("outside");
        assertThat(o.get("io.flexgate.acl~split_tunnel").get("entries")).containsExactly("permit 10.0.0.0 0.255.255.255");
        assertThat(o.get("io.flexgate.nat~NAT")).isEqualTo(Map.of("nat.name", List.of("NAT"), "sources",
                List.of("192.168.10.0 0.0.0.255"), "outside.interface", List.of("GigabitEthernet1")));
        // Step 2 is an exec command: a key import through the trustpoint service, no configuration of its own.
        assertThat(parsed.keyImports()).singleElement().satisfies(k -> {
            assertThat(k.line()).isEqualTo(14);
            assertThat(k.trustpoint()).isEqualTo("IKEv2-TP");
            assertThat(k.file()).isEqualTo("IKEv2-TP.p12");
            assertThat(k.toString()).doesNotContain("cisco123");
        });
        assertThat(parsed.users()).containsExactly(new IosParser.UserLine(11, "test", "username test password cisco123"));
        assertThat(parsed.notes()).singleElement().satisfies(n -> assertThat(n).contains("crypto ikev2 policy IKEv2-po1"));
    }

    @Test
    void listAttributesBecomeStringArraysForConfigAdmin() throws IOException {
        ConfigObject profile = IosParser.parse(seed()).objects().stream()
                .filter(c -> c.target().equals("io.flexgate.ikev2.profile~AnyConnect-EAP")).findFirst().orElseThrow();

        Map<String, Object> p = profile.properties();

        assertThat(p.get("match.identity.remote")).isEqualTo(new String[] {"key-id *$AnyConnectClient$*"});
        assertThat(p.get("virtual.template")).isEqualTo("100");
    }

    @Test
    void unsupportedLinesAreReportedWithLineNumberAndReasonNeverTheirSecrets() {
        String text = String.join("\n",
                "hostname vpn",                                      // 1
                "username bob secret 9 $9$abc",                       // 2
                "interface Virtual-Template100 type tunnel",          // 3
                " description clients",                               // 4
                "!",
                " ip mtu 1400",                                       // 6: indented, but the block was closed
                "crypto ikev2 profile P",                             // 7
                " aaa accounting psk acct",                           // 8
                "crypto ipsec transform-set T esp-aes 256 esp-sha-hmac", // 9
                " mode transport",                                    // 10
                "ip local pool X 10.0.0.1",                           // 11
                "crypto ikev2 policy POL",                            // 12
                " proposal MISSING",                                  // 13
                "ip access-list extended E",                          // 14
                " permit ip any any",                                 // 15
                "username carol cisco");                              // 16

        IosParser.Parsed parsed = IosParser.parse(text);

        assertThat(parsed.rejected()).extracting(Rejected::line)
                .containsExactlyInAnyOrder(1, 2, 4, 6, 8, 10, 11, 12, 14, 16);
        assertThat(parsed.rejected()).filteredOn(r -> r.line() == 2).singleElement().satisfies(r -> {
            assertThat(r.command()).isEqualTo("username bob");
            assertThat(r.reason()).contains("type 9");
        });
        assertThat(parsed.rejected()).filteredOn(r -> r.line() == 16).singleElement()
                .satisfies(r -> assertThat(r.command()).isEqualTo("username carol"));
        assertThat(parsed.rejected()).filteredOn(r -> r.line() == 6).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("outside any block"));
        assertThat(parsed.rejected()).filteredOn(r -> r.line() == 12).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("MISSING"));
        assertThat(parsed.rejected()).allSatisfy(r -> assertThat(r.command()).doesNotContain("cisco", "$9$"));
        assertThat(parsed.users()).isEmpty();
    }

    @Test
    void radiusServersGroupsAndAccountingListsBecomeTheAaaRadiusPids() {
        IosParser.Parsed parsed = IosParser.parse(RADIUS);

        assertThat(parsed.rejected()).isEmpty();
        Map<String, Map<String, List<String>>> o = byTarget(parsed.objects());
        // As itests/interop/radius/etc/io.flexgate.aaa.radius.server-fr1.cfg has them; the secret in .key.
        assertThat(o.get("io.flexgate.aaa.radius.server~fr1")).isEqualTo(Map.of("name", List.of("fr1"),
                "address", List.of("127.0.0.1"), "auth.port", List.of("18120"), "acct.port", List.of("18130"),
                ".key", List.of("flexgate-test-secret"), "timeout", List.of("3"), "retransmit", List.of("2"),
                "deadtime", List.of("1")));
        assertThat(o.get("io.flexgate.aaa.radius.server~fr2")).isEqualTo(Map.of("name", List.of("fr2"),
                "address", List.of("2001:db8::12"), ".key", List.of("second-secret")));
        assertThat(o.get("io.flexgate.aaa.radius.group~radius")).isEqualTo(Map.of("name", List.of("radius"),
                "servers", List.of("fr1", "fr2")));
        assertThat(o.get("io.flexgate.aaa.list~r-acct")).isEqualTo(Map.of("aaa.list.name", List.of("r-acct"),
                "aaa.list.kind", List.of("accounting"), "methods", List.of("group radius group backup")));
        assertThat(o.get("io.flexgate.ikev2.profile~RADIUS-EAP").get("aaa.accounting.list")).containsExactly("r-acct");
        ConfigObject group = parsed.objects().stream().filter(c -> c.kind == ObjectKind.RADIUS_GROUP).findFirst()
                .orElseThrow();
        assertThat(group.properties().get("servers")).isEqualTo(new String[] {"fr1", "fr2"});
    }

    @Test
    void malformedRadiusLinesAreRejectedWithTheirLineAndNeverTheirKey() {
        String text = String.join("\n",
                "radius server fr1 extra",                                    // 1
                "radius server fr2",                                          // 2
                " address ipv4 127.0.0.300 auth-port 1812",                   // 3
                " address ipv4 127.0.0.1 auth-port 70000",                    // 4
                " address ipv4 127.0.0.1 auth-port 1812 auth-port 1813",      // 5
                " key 7 0822455D0A16",                                        // 6
                " key two words-secret",                                      // 7
                " timeout soon",                                              // 8
                " server name x",                                             // 9
                "aaa group server radius G",                                  // 10
                " server 127.0.0.1 auth-port 1812",                           // 11
                "aaa group server tacacs+ T",                                 // 12
                "aaa accounting network A start-stop local",                  // 13
                "aaa accounting network B start-stop group",                  // 14
                "aaa accounting network C start-stop group radius local",     // 15
                "crypto ikev2 profile P",                                     // 16
                " aaa accounting cert A",                                     // 17
                " aaa accounting eap",                                        // 18
                "");

        IosParser.Parsed parsed = IosParser.parse(text);

        assertThat(parsed.rejected()).extracting(Rejected::line)
                .containsExactly(1, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 17, 18);
        assertThat(parsed.rejected()).filteredOn(r -> r.line() == 6).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("type 7").contains("key 0 SECRET"));
        assertThat(parsed.rejected()).filteredOn(r -> r.line() == 13).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("server groups only"));
        assertThat(parsed.rejected()).allSatisfy(r -> assertThat(r.command() + r.reason())
                .doesNotContain("0822455D0A16", "words-secret"));
        Map<String, Map<String, List<String>>> o = byTarget(parsed.objects());
        assertThat(o.get("io.flexgate.aaa.radius.server~fr2")).containsOnlyKeys("name");
        assertThat(o).doesNotContainKeys("io.flexgate.aaa.list~A", "io.flexgate.aaa.list~B", "io.flexgate.aaa.list~C");
    }

    @Test
    void aCorruptedSeedLineIsRejectedAndTheRestStillRead() throws IOException {
        String good = seed();
        String bad = good.replace(" virtual-template 100", " virtual-template one-hundred");

        IosParser.Parsed parsed = IosParser.parse(bad);

        int line = List.of(good.split("\n")).indexOf(" virtual-template 100") + 1;
        assertThat(parsed.rejected()).containsExactly(new Rejected(line, "virtual-template one-hundred",
                "not supported in an IKEv2 profile"));
        assertThat(byTarget(parsed.objects()).get("io.flexgate.ikev2.profile~AnyConnect-EAP"))
                .doesNotContainKey("virtual.template").containsKey("anyconnect.profile");
    }

    @Test
    void limitsAreEnforced() {
        assertThat(IosParser.parse("x".repeat(IosParser.MAX_TEXT_CHARS + 1)).rejected()).singleElement()
                .satisfies(r -> assertThat(r.line()).isZero());
        assertThat(IosParser.parse("hostname " + "a".repeat(IosParser.MAX_LINE_CHARS)).rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("longer than"));
        assertThat(IosParser.parse("!\n".repeat(IosParser.MAX_LINES + 1)).rejected()).hasSize(1);
    }

    @Test
    void pastedPromptsAndInterfaceSpellingsAreNormalized() {
        IosParser.Parsed parsed = IosParser.parse("Router(config)# interface virtual-template 7 type tunnel\n"
                + " ip unnumbered loopback1\n");

        assertThat(parsed.rejected()).isEmpty();
        assertThat(byTarget(parsed.objects()).get("io.flexgate.interface~Virtual-Template7").get("ip.unnumbered"))
                .containsExactly("Loopback1");
    }
}
