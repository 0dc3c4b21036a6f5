package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer.AuthorizationResult;
import io.flexgate.api.aaa.Authorizer.Kind;
import io.flexgate.api.net.IpPrefix;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAuthorizerTest {

    @TempDir
    Path dir;

    static AuthorizationPolicyConfiguration policy(String name, String pool, String[] dns, String acl, String domain,
            String[] splitDns, String[] backups, String netmask) {
        return new AuthorizationPolicyConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AuthorizationPolicyConfiguration.class;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String pool() {
                return pool;
            }

            @Override
            public String[] dns() {
                return dns;
            }

            @Override
            public String netmask() {
                return netmask;
            }

            @Override
            public String def_domain() {
                return domain;
            }

            @Override
            public String banner() {
                return "";
            }

            @Override
            public String[] split_dns() {
                return splitDns;
            }

            @Override
            public String route_set_acl() {
                return acl;
            }

            @Override
            public String[] backup_gateways() {
                return backups;
            }
        };
    }

    static AccessListConfiguration acl(String name, String... entries) {
        return new AccessListConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AccessListConfiguration.class;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String[] entries() {
                return entries;
            }
        };
    }

    /** The seed's policy: {@code pool ACP00L}, {@code dns 10.0.1.1}, {@code route set access-list split_tunnel}. */
    static AuthorizationPolicy seedPolicy() {
        return new AuthorizationPolicy(policy("ikev2-auth-policy", "ACP00L", new String[] {"10.0.1.1"},
                "split_tunnel", "", new String[0], new String[0], ""));
    }

    private static AuthorizationResult ask(LocalAuthorizer authorizer, Kind kind, String name) throws Exception {
        return authorizer.authorize(kind, name).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void seedGroupPolicyGivesPoolDnsAndSplitRoutes() throws Exception {
        LocalAuthorizer authorizer = new LocalAuthorizer();
        authorizer.bindPolicy(seedPolicy());
        authorizer.bindAccessList(new AccessList(acl("split_tunnel", "permit 10.0.0.0 0.255.255.255")));
        AuthorizationResult result = ask(authorizer, Kind.GROUP, "ikev2-auth-policy");
        AuthorizationAttributes attributes = ((AuthorizationResult.Authorized) result).attributes();
        assertThat(attributes.pool()).contains("ACP00L");
        assertThat(attributes.dnsServers()).containsExactly(InetAddress.getByName("10.0.1.1"));
        assertThat(attributes.splitRoutes()).containsExactly(IpPrefix.parse("10.0.0.0/8"));
        assertThat(ask(authorizer, Kind.GROUP, "other")).isInstanceOf(AuthorizationResult.Denied.class);
    }

    @Test
    void missingAccessListDeniesInsteadOfSendingNoRoutes() throws Exception {
        LocalAuthorizer authorizer = new LocalAuthorizer();
        authorizer.bindPolicy(seedPolicy());
        AuthorizationResult result = ask(authorizer, Kind.GROUP, "ikev2-auth-policy");
        assertThat(result).isEqualTo(new AuthorizationResult.Denied(
                "authorization policy ikev2-auth-policy: route set access-list split_tunnel is not configured"));
        AccessList acl = new AccessList(acl("split_tunnel", "permit 10.0.0.0 0.255.255.255"));
        authorizer.bindAccessList(acl);
        assertThat(ask(authorizer, Kind.GROUP, "ikev2-auth-policy")).isInstanceOf(AuthorizationResult.Authorized.class);
        authorizer.unbindAccessList(acl);
        assertThat(ask(authorizer, Kind.GROUP, "ikev2-auth-policy")).isInstanceOf(AuthorizationResult.Denied.class);
    }

    @Test
    void localUsersGetNoAttributesOfTheirOwnSoTheGroupAppliesWhole() throws Exception {
        LocalAuthorizer authorizer = new LocalAuthorizer();
        assertThat(ask(authorizer, Kind.USER, "test")).isInstanceOf(AuthorizationResult.Unavailable.class);
        LocalUserDatabase db = new LocalUserDatabase(dir.resolve("users.db"), PasswordHash.MIN_ITERATIONS,
                new SecureRandom());
        try {
            db.addUser("test", io.flexgate.api.Secret.ofPassword("cisco123".toCharArray()), false);
            authorizer.bindUsers(db);
            assertThat(ask(authorizer, Kind.USER, "test"))
                    .isEqualTo(new AuthorizationResult.Authorized(AuthorizationAttributes.NONE));
            assertThat(ask(authorizer, Kind.USER, "ghost")).isEqualTo(new AuthorizationResult.Denied("no local user ghost"));
        } finally {
            db.deactivate();
        }
    }

    @Test
    void everyPolicyAttributeIsParsed() throws Exception {
        PolicyDefinition d = PolicyDefinition.parse(policy("p", "ACP00L", new String[] {"10.0.1.1, 10.0.1.2"}, "",
                "example.com", new String[] {"corp.example.com lab.example.com"}, new String[] {"vpn2.example.com"},
                "255.255.255.0"));
        AuthorizationAttributes a = d.attributes();
        assertThat(a.dnsServers()).containsExactly(InetAddress.getByName("10.0.1.1"), InetAddress.getByName("10.0.1.2"));
        assertThat(a.defaultDomain()).contains("example.com");
        assertThat(a.splitDns()).containsExactly("corp.example.com", "lab.example.com");
        assertThat(a.backupGateways()).containsExactly("vpn2.example.com");
        assertThat(a.netmask()).contains(InetAddress.getByName("255.255.255.0"));
        assertThat(d.routeSetAcl()).isEmpty();
        assertThat(a.banner()).isEqualTo(Optional.empty());
        assertThat(a.splitRoutes()).isEqualTo(List.of());
    }

    @Test
    void badPolicyValuesAreRefusedWithThePolicyNamed() {
        assertThatThrownBy(() -> PolicyDefinition.parse(policy("p", "", new String[] {"1.1.1.1 2.2.2.2 3.3.3.3"}, "",
                "", new String[0], new String[0], ""))).hasMessageContaining("authorization policy p: dns");
        assertThatThrownBy(() -> PolicyDefinition.parse(policy("p", "", new String[] {"dns.example.com"}, "", "",
                new String[0], new String[0], ""))).hasMessageContaining("authorization policy p");
        assertThatThrownBy(() -> PolicyDefinition.parse(policy("p", "", new String[0], "", "", new String[0],
                new String[0], "2001:db8::"))).hasMessageContaining("netmask");
    }
}
