package io.flexgate.ios.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.LocalUserAdmin;
import io.flexgate.api.config.ConfigFiles;
import io.flexgate.api.config.IosConfiguration.Action;
import io.flexgate.api.config.IosConfiguration.Change;
import io.flexgate.api.config.IosConfiguration.ImportReport;
import io.flexgate.api.pki.TrustpointAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IosConfigurationServiceTest {

    /** Records the lines it is given, as aaa-local would hash them. */
    private static final class RecordingUsers implements LocalUserAdmin {
        final List<String> lines = new ArrayList<>();

        @Override
        public UserChange addUser(String username, Secret password, boolean reversible) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UserChange removeUser(String username) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UserChange importIosLine(String line, boolean reversible) {
            lines.add(line);
            return new UserChange.Added(line.split(" ")[1], false);
        }

        @Override
        public List<LocalUser> users() {
            return List.of(new LocalUser("test", Origin.DATABASE, java.util.Set.of(CredentialForm.PASSWORD_HASH)));
        }

        @Override
        public Optional<LocalUser> user(String username) {
            return Optional.empty();
        }
    }

    private final MemoryConfigAdmin store = new MemoryConfigAdmin();
    private final RecordingUsers users = new RecordingUsers();
    private final IosConfigurationService service = service();

    private IosConfigurationService service() {
        IosConfigurationService s = new IosConfigurationService(store.admin());
        s.setUsers(users);
        return s;
    }

    @Test
    void theSeedIsCreatedThenUnchangedOnASecondImport() throws IOException {
        ImportReport first = service.apply(IosParserTest.seed(), false);

        assertThat(first.applied()).isTrue();
        assertThat(first.changes()).filteredOn(c -> c.action() == Action.CREATE).hasSize(14);
        assertThat(store.store).containsKey("io.flexgate.ikev2.profile~AnyConnect-EAP");
        assertThat(store.store.get("io.flexgate.pool~ACP00L").get("ranges"))
                .isEqualTo(new String[] {"192.168.10.5 192.168.10.10"});
        assertThat(users.lines).containsExactly("username test password cisco123");
        assertThat(first.changes()).filteredOn(c -> c.target().equals("crypto pki import IKEv2-TP"))
                .singleElement().satisfies(c -> assertThat(c.properties()).containsEntry("password", "********"));
        // No trustpoint service and no IKEv2-TP.p12 here: said so, and no trustpoint configuration written.
        assertThat(first.notes()).anyMatch(n -> n.contains("IKEv2-TP.p12 not found: trustpoint IKEv2-TP left as it is"));
        assertThat(store.store).doesNotContainKey("io.flexgate.pki.trustpoint~IKEv2-TP");

        int updates = store.updates;
        ImportReport second = service.apply(IosParserTest.seed(), false);

        assertThat(second.changes()).filteredOn(c -> c.action() != Action.USER && c.action() != Action.KEY_IMPORT)
                .extracting(Change::action).containsOnly(Action.UNCHANGED);
        assertThat(store.updates).isEqualTo(updates);
    }

    @Test
    void eachObjectWrittenIsInItsEtcFileBeforeConfigAdminHoldsIt(@TempDir Path etc) throws IOException {
        Path shipped = etc.resolve("io.flexgate.pool-ACP00L.cfg");
        Files.writeString(shipped, "# IOS: ip local pool ACP00L 192.168.10.5 192.168.10.10\n"
                + "pool.name = ACP00L\nranges = 192.168.10.5 192.168.10.10\n");
        store.put("io.flexgate.pool", "ACP00L", Map.of("pool.name", "ACP00L", "ranges", "192.168.10.5 192.168.10.10",
                ConfigFiles.FILENAME_PROPERTY, ConfigFiles.recordedValue(shipped)));
        IosConfigurationService withFiles = new IosConfigurationService(store.admin(), Optional.of(etc));

        ImportReport report = withFiles.apply("ip local pool ACP00L 192.168.10.5 192.168.10.12\n"
                + "ip local pool CRASH3 10.99.3.1 10.99.3.20\n", false);

        assertThat(report.changes()).extracting(Change::action).containsExactly(Action.UPDATE, Action.CREATE);
        // The shipped object: its own file, comment kept, the new range in it.
        assertThat(Files.readString(shipped)).startsWith("# IOS: ip local pool ACP00L").contains("192.168.10.12");
        // The new object: a file of its own, named as FileInstall names factory configurations, and recorded.
        Path created = etc.resolve("io.flexgate.pool-CRASH3.cfg");
        assertThat(Files.readString(created)).contains("10.99.3.1 10.99.3.20");
        assertThat(store.store.get("io.flexgate.pool~CRASH3"))
                .containsEntry(ConfigFiles.FILENAME_PROPERTY, ConfigFiles.recordedValue(created));
        assertThat(store.store.get("io.flexgate.pool~ACP00L"))
                .containsEntry(ConfigFiles.FILENAME_PROPERTY, ConfigFiles.recordedValue(shipped));
        // An IOS name with slashes is one file in etc/, and the object keeps its name.
        withFiles.apply("interface GigabitEthernet0/0/1\n ip address 198.51.100.1 255.255.255.0\n", false);
        Path itf = etc.resolve("io.flexgate.interface-GigabitEthernet0%2F0%2F1.cfg");
        assertThat(Files.readString(itf)).contains("GigabitEthernet0/0/1");
        // A dry run writes nothing.
        withFiles.plan("ip local pool DRY 10.98.0.1 10.98.0.2\n");
        assertThat(etc.resolve("io.flexgate.pool-DRY.cfg")).doesNotExist();
    }

    @Test
    void aPoolThatOverlapsAnotherIsRefusedWithTheOtherNamedAndTheRestAppliesOnlyWithPartial() throws IOException {
        store.put("io.flexgate.pool", "ACP00L", Map.of("pool.name", "ACP00L",
                "ranges", "192.168.10.5 192.168.10.10, 192.168.20.1 192.168.20.50"));
        String text = "ip local pool NEW 192.168.20.40 192.168.20.60\n"     // overlaps ACP00L's second range
                + "ip local pool V6 2001:db8::1 2001:db8::ff\n"           // IPv6: overlaps nothing
                + "ip local pool LATER 2001:db8::f0 2001:db8::1:0\n";     // overlaps V6, earlier in the text

        ImportReport refused = service.apply(text, false);

        assertThat(refused.applied()).isFalse();
        assertThat(refused.rejected()).extracting(r -> r.line() + " " + r.command()).containsExactly(
                "1 ip local pool NEW", "3 ip local pool LATER");
        assertThat(refused.rejected().get(0).reason()).contains("range 192.168.20.40 192.168.20.60 overlaps pool "
                + "ACP00L (192.168.20.1 192.168.20.50)").contains("leased by two pools");
        assertThat(refused.rejected().get(1).reason()).contains("overlaps pool V6");
        assertThat(store.store).doesNotContainKeys("io.flexgate.pool~NEW", "io.flexgate.pool~V6");

        ImportReport partial = service.apply(text, true);

        assertThat(partial.changes()).extracting(Change::target).containsExactly("io.flexgate.pool~V6");
        assertThat(store.store).containsKey("io.flexgate.pool~V6").doesNotContainKeys("io.flexgate.pool~NEW",
                "io.flexgate.pool~LATER");
        // The plan says the same before anything is written.
        assertThat(service.plan("ip local pool X 192.168.10.7 192.168.10.7\n").rejected()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("overlaps pool ACP00L"));
        // A text that moves ACP00L away frees its addresses for another pool in the same import.
        ImportReport moved = service.apply("ip local pool ACP00L 192.168.30.1 192.168.30.9\n"
                + "ip local pool NEW 192.168.20.40 192.168.20.60\n", false);
        assertThat(moved.rejected()).isEmpty();
        assertThat(store.store.get("io.flexgate.pool~ACP00L").get("ranges"))
                .isEqualTo(new String[] {"192.168.30.1 192.168.30.9"});
    }

    @Test
    void theShippedEtcFormCountsAsUnchangedAndAttributesIosCannotSayAreKept() throws IOException {
        // etc/io.flexgate.ipsec.profile-AnyConnect-EAP.cfg as FileInstall holds it: one comma-separated string.
        store.put("io.flexgate.ipsec.profile", "AnyConnect-EAP", Map.of("name", "AnyConnect-EAP",
                "set.transform-set", "TS", "set.ikev2-profile", "AnyConnect-EAP", "lifetime.seconds", "7200"));
        store.put("io.flexgate.ikev2.profile", "AnyConnect-EAP", Map.of("name", "AnyConnect-EAP",
                "eap.methods", "mschapv2", "dpd", "60 2 on-demand"));

        ImportReport report = service.apply(IosParserTest.seed(), false);

        assertThat(report.changes()).filteredOn(c -> c.target().equals("io.flexgate.ipsec.profile~AnyConnect-EAP"))
                .singleElement().satisfies(c -> assertThat(c.action()).isEqualTo(Action.UPDATE));
        // The seed sets no lifetime: the IOS default applies again.
        assertThat(store.store.get("io.flexgate.ipsec.profile~AnyConnect-EAP")).doesNotContainKey("lifetime.seconds");
        assertThat(store.store.get("io.flexgate.ikev2.profile~AnyConnect-EAP")).containsEntry("eap.methods", "mschapv2")
                .doesNotContainKey("dpd").containsEntry("virtual.template", "100");
    }

    @Test
    void theNatRuleLeavesThroughTheLinuxNameOfItsOutsideInterface() throws IOException {
        ImportReport unresolved = service.apply(IosParserTest.seed(), false);
        assertThat(unresolved.notes()).anyMatch(n -> n.contains("set linux.name on io.flexgate.interface~GigabitEthernet1"));
        assertThat(store.store.get("io.flexgate.nat~NAT")).containsEntry("outside.interface", "GigabitEthernet1");

        // The operator names the Linux interface once; every later import keeps it and resolves through it.
        store.store.get("io.flexgate.interface~GigabitEthernet1").put("linux.name", "eth0");
        ImportReport resolved = service.apply(IosParserTest.seed(), false);

        assertThat(resolved.notes()).noneMatch(n -> n.contains("linux.name"));
        assertThat(store.store.get("io.flexgate.nat~NAT")).containsEntry("outside.interface", "eth0");
        assertThat(store.store.get("io.flexgate.interface~GigabitEthernet1")).containsEntry("linux.name", "eth0");
        // Printed with the Linux name, which reads back unchanged.
        String running = service.runningConfig();
        assertThat(running).contains("ip nat inside source list NAT interface eth0 overload");
        assertThat(service.plan(running).changes()).filteredOn(c -> c.target().equals("io.flexgate.nat~NAT"))
                .singleElement().satisfies(c -> assertThat(c.action()).isEqualTo(Action.UNCHANGED));
    }

    @Test
    void aKeyImportGoesToTheTrustpointServiceAndTheIosPasswordIsWipedAfterwards(@TempDir Path dir) throws IOException {
        Path p12 = Files.write(dir.resolve("IKEv2-TP.p12"), new byte[] {0x30});
        List<Object[]> calls = new ArrayList<>();
        service.setTrustpoints((TrustpointAdmin) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TrustpointAdmin.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("importFile")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    calls.add(new Object[] {args[0], args[1], ((char[]) args[2]).clone(), args[2]});
                    return null;
                }));
        String text = "crypto pki import IKEv2-TP pkcs12 " + p12 + " password cisco123\n";

        assertThat(service.plan(text).notes()).isEmpty();
        assertThat(calls).isEmpty();
        ImportReport report = service.apply(text, false);

        assertThat(report.notes()).isEmpty();
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c[0]).isEqualTo("IKEv2-TP");
            assertThat(c[1]).isEqualTo(p12);
            assertThat(new String((char[]) c[2])).isEqualTo("cisco123");
            assertThat(new String((char[]) c[3])).isEqualTo("\0".repeat(8));
        });
    }

    @Test
    void aRejectedLineStopsEverythingUnlessPartial() throws IOException {
        String text = IosParserTest.seed() + "hostname vpn\n";

        ImportReport refused = service.apply(text, false);

        assertThat(refused.applied()).isFalse();
        assertThat(refused.rejected()).singleElement().satisfies(r -> assertThat(r.command()).isEqualTo("hostname vpn"));
        assertThat(store.store).isEmpty();
        assertThat(users.lines).isEmpty();

        ImportReport partial = service.apply(text, true);

        assertThat(partial.applied()).isTrue();
        assertThat(store.store).hasSize(14);
    }

    @Test
    void dryRunChangesNothing() throws IOException {
        ImportReport plan = service.plan(IosParserTest.seed());

        assertThat(plan.applied()).isFalse();
        assertThat(plan.changes()).hasSize(16);
        assertThat(plan.changes()).extracting(Change::action).contains(Action.KEY_IMPORT, Action.USER);
        assertThat(store.store).isEmpty();
        assertThat(users.lines).isEmpty();
    }

    @Test
    void theRadiusKeyGoesToDotKeyIsMaskedInTheReportAndSurvivesARunningConfigRoundTrip() throws IOException {
        ImportReport plan = service.plan(IosParserTest.RADIUS);

        assertThat(plan.changes()).filteredOn(c -> c.target().equals("io.flexgate.aaa.radius.server~fr1"))
                .singleElement().satisfies(c -> assertThat(c.properties()).containsEntry(".key", "********")
                        .containsEntry("auth.port", "18120"));
        assertThat(plan.changes().toString()).doesNotContain("flexgate-test-secret", "second-secret");
        assertThat(store.store).isEmpty();

        // The operator's own NAS-Identifier on the group has no IOS line here: kept.
        store.put("io.flexgate.aaa.radius.group", "radius", Map.of("name", "radius", "servers", "fr1",
                "nas.identifier", "vpn-hq"));
        ImportReport applied = service.apply(IosParserTest.RADIUS, false);

        assertThat(applied.applied()).isTrue();
        assertThat(applied.toString()).doesNotContain("flexgate-test-secret");
        assertThat(store.store.get("io.flexgate.aaa.radius.server~fr1")).containsEntry(".key", "flexgate-test-secret")
                .containsEntry("address", "127.0.0.1").containsEntry("acct.port", "18130");
        assertThat(store.store.get("io.flexgate.aaa.radius.group~radius"))
                .containsEntry("servers", new String[] {"fr1", "fr2"}).containsEntry("nas.identifier", "vpn-hq");
        assertThat(store.store.get("io.flexgate.ikev2.profile~RADIUS-EAP")).containsEntry("aaa.accounting.list", "r-acct");

        String running = service.runningConfig();
        assertThat(running).doesNotContain("flexgate-test-secret", "second-secret")
                .contains("! radius server fr1: key set, not shown");
        int updates = store.updates;
        assertThat(service.apply(running, false).changes()).filteredOn(c -> c.action() != Action.USER)
                .extracting(Change::action).containsOnly(Action.UNCHANGED);
        assertThat(store.updates).isEqualTo(updates);
        assertThat(store.store.get("io.flexgate.aaa.radius.server~fr1")).containsEntry(".key", "flexgate-test-secret");

        // A key line replaces the secret; dropping the profile's accounting line removes the attribute.
        service.apply(IosParserTest.RADIUS.replace(" key flexgate-test-secret", " key 0 rotated-secret")
                .replace(" aaa accounting eap r-acct\n", ""), false);
        assertThat(store.store.get("io.flexgate.aaa.radius.server~fr1")).containsEntry(".key", "rotated-secret");
        assertThat(store.store.get("io.flexgate.ikev2.profile~RADIUS-EAP")).doesNotContainKey("aaa.accounting.list");
    }

    @Test
    void runningConfigReadsBackWhatWasImported() throws IOException {
        service.apply(IosParserTest.seed(), false);

        String running = service.runningConfig();

        assertThat(IosParser.parse(running).rejected()).isEmpty();
        assertThat(running).contains("! username test (local user database", "interface Virtual-Template100 type tunnel\n"
                + " ip unnumbered Loopback100\n ip mtu 1400\n ip nat inside\n tunnel mode ipsec ipv4\n"
                + " tunnel protection ipsec profile AnyConnect-EAP\n").doesNotContain("cisco123");
        ImportReport again = service.plan(running);
        assertThat(again.changes()).filteredOn(c -> c.action() != Action.USER)
                .extracting(Change::action).containsOnly(Action.UNCHANGED);
    }
}
