package io.flexgate.ikev2.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.ikev2.crypto.DhGroup;
import io.flexgate.ikev2.crypto.EncrAlgorithm;
import io.flexgate.ikev2.crypto.IntegAlgorithm;
import io.flexgate.ikev2.crypto.PrfAlgorithm;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed's crypto statements (seed steps 5, 7, 8, 9) and how profiles are chosen. */
class IkeConfigTest {

    @Test
    void seedProposalReadsLikeIos() {
        // crypto ikev2 proposal IKEv2-prop1 / encryption aes-cbc-256 / integrity sha256 / group 14
        IkeProposal p = IkeProposal.parse("IKEv2-prop1", List.of("aes-cbc-256"), List.of("sha256"), List.of(),
                List.of("14"));
        assertThat(p.ciphers()).containsExactly(new Cipher(EncrAlgorithm.ENCR_AES_CBC, 256));
        assertThat(p.integrity()).containsExactly(IntegAlgorithm.AUTH_HMAC_SHA2_256_128);
        assertThat(p.prfs()).containsExactly(PrfAlgorithm.PRF_HMAC_SHA2_256); // IOS: PRF follows integrity
        assertThat(p.groups()).containsExactly(DhGroup.MODP_2048);
    }

    @Test
    void proposalErrorsNameTheWord() {
        assertThatThrownBy(() -> IkeProposal.parse("p", List.of("3des"), List.of("sha1"), List.of(), List.of("14")))
                .hasMessageContaining("crypto ikev2 proposal p: unknown encryption '3des'");
        assertThatThrownBy(() -> IkeProposal.parse("p", List.of("aes-cbc-128"), List.of(), List.of(), List.of("14")))
                .hasMessageContaining("needs an integrity");
        assertThatThrownBy(() -> IkeProposal.parse("p", List.of("aes-gcm-256"), List.of("sha256"), List.of(),
                List.of("19"))).hasMessageContaining("RFC 5282");
        assertThatThrownBy(() -> IkeProposal.parse("p", List.of("aes-gcm-256"), List.of(), List.of(), List.of("5")))
                .hasMessageContaining("unknown group '5'");
    }

    @Test
    void smartDefaultsLeaveOutModp1024() {
        assertThat(IkeProposal.smartDefaults()).allSatisfy(p -> assertThat(p.groups()).doesNotContain(DhGroup.MODP_1024)
                .contains(DhGroup.ECP_256, DhGroup.MODP_2048, DhGroup.CURVE25519));
    }

    @Test
    void seedTransformSet() {
        TransformSet ts = TransformSet.parse("TS", "esp-aes 256 esp-sha256-hmac");
        assertThat(ts.cipher()).isEqualTo(new Cipher(EncrAlgorithm.ENCR_AES_CBC, 256));
        assertThat(ts.integrity()).contains(IntegAlgorithm.AUTH_HMAC_SHA2_256_128);
        assertThat(ts.iosText()).isEqualTo("esp-aes 256 esp-sha256-hmac");
        assertThat(TransformSet.parse("G", "esp-gcm 256").iosText()).isEqualTo("esp-gcm 256");
        assertThatThrownBy(() -> TransformSet.parse("X", "esp-gcm 256 esp-sha-hmac")).hasMessageContaining("AEAD");
        assertThatThrownBy(() -> TransformSet.parse("X", "esp-3des esp-md5-hmac"))
                .hasMessageContaining("unknown transform 'esp-3des'");
    }

    @Test
    void anyConnectKeyIdIsALiteral() {
        IdentityMatch m = IdentityMatch.parse("key-id *$AnyConnectClient$*");
        assertThat(m.matches(IdentityMatch.ID_KEY_ID, "*$AnyConnectClient$*")).isTrue();
        assertThat(m.matches(IdentityMatch.ID_ANYCONNECT, "*$AnyConnectClient$*")).isTrue();
        assertThat(m.matches(IdentityMatch.ID_KEY_ID, "SomethingElse")).isFalse();
        assertThat(m.matches(IdentityMatch.ID_FQDN, "*$AnyConnectClient$*")).isFalse();
    }

    @Test
    void domainsMatchOnLabelBoundaries() {
        IdentityMatch fqdn = IdentityMatch.parse("fqdn domain example.com");
        assertThat(fqdn.matches(IdentityMatch.ID_FQDN, "Laptop.EXAMPLE.com")).isTrue();
        assertThat(fqdn.matches(IdentityMatch.ID_FQDN, "badexample.com")).isFalse();
        IdentityMatch email = IdentityMatch.parse("email domain example.com");
        assertThat(email.matches(IdentityMatch.ID_RFC822_ADDR, "test@example.com")).isTrue();
        assertThat(email.matches(IdentityMatch.ID_RFC822_ADDR, "test@evil.com")).isFalse();
        IdentityMatch addr = IdentityMatch.parse("address 198.18.0.0 255.255.255.0");
        assertThat(addr.matches(IdentityMatch.ID_IPV4_ADDR, "198.18.0.2")).isTrue();
        assertThat(addr.matches(IdentityMatch.ID_IPV4_ADDR, "198.19.0.2")).isFalse();
        assertThatThrownBy(() -> IdentityMatch.parse("fqdn")).hasMessageContaining("expected any");
    }

    @Test
    void mostSpecificProfileWins() {
        IkeProfile anyConnect = IkeProfile.from(config("AnyConnect-EAP", "anyconnect-eap aggregate",
                "key-id *$AnyConnectClient$*"));
        IkeProfile standard = IkeProfile.from(config("Standard-EAP", "eap query-identity", "any"));
        var profiles = List.of(standard, anyConnect);

        assertThat(ProfileSelector.select(profiles, IdentityMatch.ID_KEY_ID, "*$AnyConnectClient$*"))
                .contains(anyConnect);
        assertThat(ProfileSelector.select(profiles, IdentityMatch.ID_IPV4_ADDR, "198.18.0.2")).contains(standard);
        assertThat(ProfileSelector.select(List.of(anyConnect), IdentityMatch.ID_FQDN, "client.example.com")).isEmpty();
        assertThat(standard.queryIdentity()).isTrue();
        assertThat(anyConnect.remoteAuthentication()).isEqualTo(IkeProfile.RemoteAuthentication.ANYCONNECT_EAP);
        assertThat(anyConnect.dpd()).contains(new IkeProfile.Dpd(Duration.ofSeconds(60), Duration.ofSeconds(2), false));
        assertThat(anyConnect.authorizationPolicy()).isEqualTo(Optional.of("ikev2-auth-policy"));
    }

    @Test
    void theLongerDomainWinsWhateverTheNamesOrOrder() {
        // Issue 11: frank@gtc.radius.flexgate.test went to the pass-through profile of radius.flexgate.test.
        // IOS takes the best match among overlapping profiles; the name is only the tie-break.
        IkeProfile passThrough = IkeProfile.from(config("RADIUS-EAP", "eap query-identity",
                "email domain radius.flexgate.test"));
        IkeProfile gtc = IkeProfile.from(config("Z-GTC", "eap query-identity", "email domain gtc.radius.flexgate.test"));
        IkeProfile any = IkeProfile.from(config("A-ANY", "eap query-identity", "any"));

        for (List<IkeProfile> order : List.of(List.of(passThrough, gtc, any), List.of(any, gtc, passThrough))) {
            assertThat(ProfileSelector.select(order, IdentityMatch.ID_RFC822_ADDR, "frank@gtc.radius.flexgate.test"))
                    .contains(gtc);
            assertThat(ProfileSelector.select(order, IdentityMatch.ID_RFC822_ADDR, "erin@radius.flexgate.test"))
                    .contains(passThrough);
            assertThat(ProfileSelector.select(order, IdentityMatch.ID_RFC822_ADDR, "x@flexgate.test")).contains(any);
        }
        // An exact address beats any domain, however long.
        IkeProfile exact = IkeProfile.from(config("Y-EXACT", "eap", "email frank@gtc.radius.flexgate.test"));
        assertThat(ProfileSelector.select(List.of(gtc, exact), IdentityMatch.ID_RFC822_ADDR,
                "frank@gtc.radius.flexgate.test")).contains(exact);
    }

    @Test
    void specificityOrdersKindsThenLength() {
        assertThat(IdentityMatch.parse("fqdn domain a.example.com").specificity())
                .isGreaterThan(IdentityMatch.parse("fqdn domain example.com").specificity())
                .isLessThan(IdentityMatch.parse("fqdn vpn.example.com").specificity());
        assertThat(IdentityMatch.parse("address 198.18.0.2 255.255.255.255").specificity())
                .isGreaterThan(IdentityMatch.parse("address 198.18.0.0 255.255.255.0").specificity())
                .isLessThan(IdentityMatch.parse("fqdn domain com").specificity());
        assertThat(IdentityMatch.parse("address 2001:db8::/32").specificity())
                .isLessThan(IdentityMatch.parse("email domain com").specificity())
                .isGreaterThan(IdentityMatch.parse("any").specificity());
        assertThat(IdentityMatch.parse("key-id x").specificity()).isEqualTo(IdentityMatch.parse("email a@b").specificity());

        // IOS netmasks, not ACL wildcards: all ones is one host, all zeros every address.
        assertThat(IdentityMatch.parse("address 198.18.0.2 255.255.255.255").matches(IdentityMatch.ID_IPV4_ADDR,
                "198.18.0.3")).isFalse();
        assertThat(IdentityMatch.parse("address 0.0.0.0 0.0.0.0").matches(IdentityMatch.ID_IPV4_ADDR, "203.0.113.9"))
                .isTrue();
        assertThatThrownBy(() -> IdentityMatch.parse("address 198.18.0.0 0.0.0.255"))
                .hasMessageContaining("not a netmask");

        IkeProfile wide = IkeProfile.from(config("A-WIDE", "eap", "address 198.18.0.0/16"));
        IkeProfile narrow = IkeProfile.from(config("B-NARROW", "eap", "address 198.18.0.0 255.255.255.0"));
        assertThat(ProfileSelector.select(List.of(wide, narrow), IdentityMatch.ID_IPV4_ADDR, "198.18.0.7"))
                .contains(narrow);
        assertThat(ProfileSelector.select(List.of(wide, narrow), IdentityMatch.ID_IPV4_ADDR, "198.18.1.7"))
                .contains(wide);
    }

    @Test
    void theAccountingListIsDeclaredInTheMetatype() throws Exception {
        // aaa-radius reads aaa.accounting.list from this configuration; the metatype describes it, optional.
        assertThat(ProfileConfig.class.getMethod("aaa_accounting_list").getDefaultValue()).isEqualTo("");
        String xml;
        try (var in = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/metatype/io.flexgate.ikev2.config.ProfileConfig.xml")) {
            assertThat(in).as("bnd-generated metatype").isNotNull();
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(xml).containsPattern("<AD id=\"aaa.accounting.list\"[^>]*required=\"false\"")
                .contains("aaa accounting eap|anyconnect-eap LIST");
    }

    @Test
    void profileErrorsNameTheStatement() {
        assertThatThrownBy(() -> IkeProfile.from(config("P", "eap-tls", "any")))
                .hasMessageContaining("crypto ikev2 profile P: authentication remote 'eap-tls'");
        assertThatThrownBy(() -> IkeProfile.from(config("P", "eap", new String[0])))
                .hasMessageContaining("no match identity remote");
    }

    @Test
    void lifetimeTakesTheIosRangeOnly() {
        assertThat(IkeProfile.from(config("P", "eap", 120, "any")).lifetime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(IkeProfile.from(config("P", "eap", 86_400, "any")).lifetime()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> IkeProfile.from(config("P", "eap", 119, "any")))
                .hasMessageContaining("crypto ikev2 profile P: lifetime 119 (expected 120 to 86400 seconds)");
        assertThatThrownBy(() -> IkeProfile.from(config("P", "eap", 86_401, "any")))
                .hasMessageContaining("lifetime 86401");
    }

    private static ProfileConfig config(String name, String remote, String... match) {
        return config(name, remote, 86_400, match);
    }

    private static ProfileConfig config(String name, String remote, long lifetimeSeconds, String... match) {
        return new ProfileConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ProfileConfig.class;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String[] match_identity_remote() {
                return match;
            }

            @Override
            public String authentication_local() {
                return "rsa-sig";
            }

            @Override
            public String authentication_remote() {
                return remote;
            }

            @Override
            public String[] eap_methods() {
                return new String[] {"mschapv2", "md5", "gtc"};
            }

            @Override
            public String pki_trustpoint() {
                return "IKEv2-TP";
            }

            @Override
            public String aaa_authentication_list() {
                return "a-eap-authen-local";
            }

            @Override
            public String aaa_authorization_group_list() {
                return "a-eap-author-grp";
            }

            @Override
            public String aaa_authorization_group_policy() {
                return "ikev2-auth-policy";
            }

            @Override
            public boolean aaa_authorization_user_cached() {
                return true;
            }

            @Override
            public String aaa_accounting_list() {
                return "";
            }

            @Override
            public int virtual_template() {
                return 100;
            }

            @Override
            public String anyconnect_profile() {
                return "acvpn";
            }

            @Override
            public String dpd() {
                return "60 2 on-demand";
            }

            @Override
            public long lifetime() {
                return lifetimeSeconds;
            }
        };
    }
}
