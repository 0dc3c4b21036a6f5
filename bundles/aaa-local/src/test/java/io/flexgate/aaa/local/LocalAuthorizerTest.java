package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer.AuthorizationResult;
import io.flexgate.api.aaa.Authorizer.Kind;
import io.flexgate.api.net.IpPrefix;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAuthorizerTest {

    @TempDir
    Path dir;

    static AuthorizationPolicyConfiguration policy(Map<String, String> properties) {
        return ConfigProxy.of(AuthorizationPolicyConfiguration.class, properties);
    }

    static AccessListConfiguration acl(String name, String entries) {
        return ConfigProxy.of(AccessListConfiguration.class, Map.of("name", name, "entries", entries));
    }

    /** The seed's policy: {@code pool ACP00L}, {@code dns 10.0.1.1}, {@code route set access-list split_tunnel}. */
    static AuthorizationPolicy seedPolicy() {
        return new AuthorizationPolicy(policy(Map.of("name", "ikev2-auth-policy", "pool", "ACP00L",
                "dns", "10.0.1.1", "route.set.acl", "split_tunnel")));
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
        PolicyDefinition d = PolicyDefinition.parse(policy(Map.of("name", "p", "pool", "ACP00L",
                "dns", "10.0.1.1, 10.0.1.2", "def.domain", "example.com",
                "split.dns", "corp.example.com lab.example.com", "backup.gateways", "vpn2.example.com", "netmask", "255.255.255.0")));
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
        assertThatThrownBy(() -> PolicyDefinition.parse(policy(Map.of("name", "p", "dns", "1.1.1.1 2.2.2.2 3.3.3.3"))))
                .hasMessageContaining("authorization policy p: dns");
        assertThatThrownBy(() -> PolicyDefinition.parse(policy(Map.of("name", "p", "dns", "dns.example.com"))))
                .hasMessageContaining("authorization policy p");
        assertThatThrownBy(() -> PolicyDefinition.parse(policy(Map.of("name", "p", "netmask", "2001:db8::"))))
                .hasMessageContaining("netmask");
    }
}
