package io.flexgate.ios.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IosWriterTest {

    @Test
    void importExportImportIsAFixedPoint() throws IOException {
        IosParser.Parsed first = IosParser.parse(IosParserTest.seed());

        String exported = IosWriter.write(first.objects(), List.of("test"));
        IosParser.Parsed second = IosParser.parse(exported);

        assertThat(second.rejected()).isEmpty();
        assertThat(IosParserTest.byTarget(second.objects())).isEqualTo(IosParserTest.byTarget(first.objects()));
        assertThat(IosWriter.write(second.objects(), List.of("test"))).isEqualTo(exported);
        assertThat(exported).doesNotContain("cisco123").contains("! username test (local user database");
    }

    @Test
    void radiusImportExportImportIsAFixedPointWithoutTheKeys() throws IOException {
        IosParser.Parsed first = IosParser.parse(IosParserTest.seed() + IosParserTest.RADIUS);

        String exported = IosWriter.write(first.objects(), List.of());
        IosParser.Parsed second = IosParser.parse(exported);

        assertThat(second.rejected()).isEmpty();
        assertThat(exported).doesNotContain("flexgate-test-secret", "second-secret")
                .contains("aaa group server radius radius\n server name fr1\n server name fr2\n!\n")
                .contains("aaa accounting network r-acct start-stop group radius group backup\n")
                .contains("radius server fr1\n address ipv4 127.0.0.1 auth-port 18120 acct-port 18130\n timeout 3\n"
                        + " retransmit 2\n deadtime 1\n!\n! radius server fr1: key set, not shown")
                .contains("radius server fr2\n address ipv6 2001:db8::12\n!\n")
                .contains(" aaa authentication eap r-authen\n aaa accounting eap r-acct\n");
        // The printed text carries everything but the keys, which it cannot say.
        Map<String, Map<String, List<String>>> expected = IosParserTest.byTarget(first.objects());
        expected.replaceAll((target, values) -> {
            Map<String, List<String>> v = new java.util.LinkedHashMap<>(values);
            v.remove(ObjectKind.RADIUS_KEY);
            return v;
        });
        assertThat(IosParserTest.byTarget(second.objects())).isEqualTo(expected);
        assertThat(IosWriter.write(second.objects(), List.of())).isEqualTo(exported.replaceAll(
                "! radius server fr[12]: key set, not shown \\('key 0 SECRET' replaces it\\)\n", ""));
    }

    @Test
    void theShippedEtcFormIsPrintedAsTheSeedWritesIt() {
        // etc/io.flexgate.ipsec.profile-AnyConnect-EAP.cfg: one comma-separated string, as FileInstall reads it.
        Hashtable<String, Object> ipsec = new Hashtable<>();
        ipsec.put("service.pid", "io.flexgate.ipsec.profile~AnyConnect-EAP");
        ipsec.put("name", "AnyConnect-EAP");
        ipsec.put("set.transform-set", "TS,TS-GCM,TS-GCM128");
        ipsec.put("set.ikev2-profile", "AnyConnect-EAP");
        ipsec.put("lifetime.seconds", "3600");
        Hashtable<String, Object> nat = new Hashtable<>();
        nat.put("sources", new String[] {"192.168.10.0/24"});
        nat.put("outside.interface", "eth0");

        String text = IosWriter.write(List.of(
                ConfigObject.fromProperties(ObjectKind.IPSEC_PROFILE, "AnyConnect-EAP", ipsec),
                ConfigObject.fromProperties(ObjectKind.NAT, "NAT", nat)), List.of());

        assertThat(text).contains("crypto ipsec profile AnyConnect-EAP\n set transform-set TS TS-GCM TS-GCM128\n"
                + " set ikev2-profile AnyConnect-EAP\n set security-association lifetime seconds 3600\n!\n");
        assertThat(text).contains("ip access-list extended NAT\n permit ip 192.168.10.0 0.0.0.255 any\n!\n"
                + "ip nat inside source list NAT interface eth0 overload\n");
        assertThat(text).doesNotContain("service.pid");
    }
}
