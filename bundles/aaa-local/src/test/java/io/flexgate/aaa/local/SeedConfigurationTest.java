package io.flexgate.aaa.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AaaMethodList.Kind;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer.AuthorizationResult;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.net.IpPrefix;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed deployment as shipped in the top-level {@code etc/}: read as ConfigAdmin would hand it to the
 * components, it gives user {@code test} / {@code cisco123}, the two method lists, the policy and the ACL.
 */
class SeedConfigurationTest {

    private static final Path ETC = Path.of(System.getProperty("user.dir")).resolve("../../etc").normalize();

    @TempDir
    Path dir;

    static Map<String, String> cfg(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ETC.resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    @Test
    void seedUserTestAuthenticatesWithCisco123ThroughTheSeedList() throws Exception {
        LocalDatabaseConfiguration dbConfig = ConfigProxy.of(LocalDatabaseConfiguration.class,
                cfg("io.flexgate.aaa.local.cfg"));
        assertThat(dbConfig.pbkdf2_iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
        LocalUserDatabase db = new LocalUserDatabase(dir.resolve("users.db"), dbConfig.pbkdf2_iterations(),
                new SecureRandom());
        try {
            new ConfiguredUser(ConfigProxy.of(UserConfiguration.class, cfg("io.flexgate.aaa.user-test.cfg")), db);
            MethodList list = new MethodList(ConfigProxy.of(MethodListConfiguration.class,
                    cfg("io.flexgate.aaa.list-a-eap-authen-local.cfg")));
            assertThat(list.name()).isEqualTo("a-eap-authen-local");
            assertThat(list.kind()).isEqualTo(Kind.AUTHENTICATION);
            list.bindCredentialStore(db, Map.of(CredentialStore.PROP_METHOD, "local", "service.id", 1L));
            assertThat(list.credentials().verifyPassword("test", Secret.ofPassword("cisco123".toCharArray()))
                    .toCompletableFuture().get(60, TimeUnit.SECONDS)).isInstanceOf(AuthResult.Accepted.class);
            CredentialStore.CredentialLookup nt = db.ntHash("test").toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(((CredentialStore.CredentialLookup.Found) nt).value().bytes())
                    .isEqualTo(NtHash.of("cisco123".toCharArray()));
        } finally {
            db.deactivate();
        }
    }

    @Test
    void seedPolicyWithItsAclGivesPoolDnsAndTenSlashEight() throws Exception {
        LocalAuthorizer authorizer = new LocalAuthorizer();
        authorizer.bindPolicy(new AuthorizationPolicy(ConfigProxy.of(AuthorizationPolicyConfiguration.class,
                cfg("io.flexgate.ikev2.authorization-ikev2-auth-policy.cfg"))));
        authorizer.bindAccessList(new AccessList(ConfigProxy.of(AccessListConfiguration.class,
                cfg("io.flexgate.acl-split_tunnel.cfg"))));
        MethodList list = new MethodList(ConfigProxy.of(MethodListConfiguration.class,
                cfg("io.flexgate.aaa.list-a-eap-author-grp.cfg")));
        assertThat(list.kind()).isEqualTo(Kind.AUTHORIZATION);
        list.bindAuthorizer(authorizer, Map.of(CredentialStore.PROP_METHOD, "local", "service.id", 2L));
        AuthorizationResult result = list.authorizer()
                .authorize(io.flexgate.api.aaa.Authorizer.Kind.GROUP, "ikev2-auth-policy")
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        AuthorizationAttributes a = ((AuthorizationResult.Authorized) result).attributes();
        assertThat(a.pool()).contains("ACP00L");
        assertThat(a.dnsServers()).containsExactly(InetAddress.getByName("10.0.1.1"));
        assertThat(a.splitRoutes()).containsExactly(IpPrefix.parse("10.0.0.0/8"));
    }

    @Test
    void shippedUserFileHoldsNoClearPassword() throws IOException {
        Map<String, String> user = cfg("io.flexgate.aaa.user-test.cfg");
        assertThat(user).doesNotContainKey("password");
        assertThat(String.join(" ", user.values())).doesNotContain("cisco123");
        assertThat(HexFormat.of().parseHex(user.get("nt.hash"))).isEqualTo(NtHash.of("cisco123".toCharArray()));
    }
}
