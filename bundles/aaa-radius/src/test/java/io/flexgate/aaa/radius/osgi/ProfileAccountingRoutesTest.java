package io.flexgate.aaa.radius.osgi;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.aaa.radius.accounting.Sessions;
import io.flexgate.aaa.radius.client.RadiusClient;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.client.RadiusServer;
import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import io.flexgate.api.session.SessionInfo;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * How a session finds its accounting: the profile's {@code aaa.accounting.list} (read from ConfigAdmin), the
 * accounting list's {@code group NAME} methods in order, the default group for profiles that name no list.
 */
class ProfileAccountingRoutesTest {

    private final List<RadiusClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(RadiusClient::close);
    }

    /** A group with one server (never contacted here), or none. */
    private RadiusGroup group(String name, boolean withServer) throws Exception {
        RadiusClient c = new RadiusClient(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4,
                Clock.systemUTC(), new SecureRandom());
        clients.add(c);
        InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        List<RadiusServer> servers = withServer ? List.of(new RadiusServer(name + "-1", nowhere, nowhere,
                Secret.copyOf(new byte[] {1}), Duration.ofSeconds(1), 1, Duration.ofSeconds(1))) : List.of();
        return new RadiusGroup(name, c, () -> servers, "flexgate-test", Secret.copyOf(new byte[] {1}),
                Clock.systemUTC());
    }

    private RadiusGroup group(String name) throws Exception {
        return group(name, true);
    }

    record MethodListOf(String name, Kind kind, List<String> methods) implements AaaMethodList {
        @Override
        public CredentialStore credentials() {
            throw new UnsupportedOperationException("accounting lists are not asked for credentials");
        }

        @Override
        public Authorizer authorizer() {
            throw new UnsupportedOperationException("accounting lists are not asked for authorization");
        }
    }

    static SessionInfo session(String profile) {
        SessionInfo s = Sessions.session(1, "u", "192.168.10.5", Instant.EPOCH, Sessions.counters(0, 0, 0, 0),
                Sessions.counters(0, 0, 0, 0));
        return new SessionInfo(s.sessionId(), s.tunnelId(), s.virtualAccess(), profile, s.status(), s.local(),
                s.remote(), s.localId(), s.remoteId(), s.eapIdentity(), s.username(), s.assignedAddress(), s.ike(),
                s.children(), s.established());
    }

    @Test
    void aProfileIsAccountedThroughTheGroupsOfItsListInOrder() throws Exception {
        Map<String, String> profiles = Map.of("RA", "a-acct", "Local", "l-acct", "Typo", "missing", "Auth",
                "an-authen-list");
        ProfileAccountingRoutes routes = new ProfileAccountingRoutes(p -> Optional.ofNullable(profiles.get(p)), "");
        RadiusGroup ise = group("ise");
        RadiusGroup backup = group("backup");
        routes.add(ise);
        routes.add(backup);
        routes.add(new MethodListOf("a-acct", AaaMethodList.Kind.ACCOUNTING, List.of("group backup", "local", "group ise")));
        routes.add(new MethodListOf("l-acct", AaaMethodList.Kind.ACCOUNTING, List.of("local")));
        routes.add(new MethodListOf("an-authen-list", AaaMethodList.Kind.AUTHENTICATION, List.of("group ise")));

        assertThat(routes.routeOf(session("RA"))).contains("list a-acct");
        assertThat(routes.groupsOf("list a-acct")).containsExactly(backup, ise);
        assertThat(routes.routeOf(session("Local"))).isEmpty(); // no server group in the list
        assertThat(routes.routeOf(session("Typo"))).isEmpty(); // the list is not configured
        assertThat(routes.routeOf(session("Auth"))).isEmpty(); // not an accounting list
        assertThat(routes.routeOf(session("Other"))).isEmpty(); // no list, no default group

        routes.remove(backup);
        assertThat(routes.groupsOf("list a-acct")).containsExactly(ise);
        routes.add(group("backup", false)); // configured, but none of its servers is yet
        assertThat(routes.groupsOf("list a-acct")).containsExactly(ise);
    }

    @Test
    void aProfileWithoutAListUsesTheDefaultGroup() throws Exception {
        ProfileAccountingRoutes routes = new ProfileAccountingRoutes(p -> Optional.empty(), " radius ");
        assertThat(routes.routeOf(session("Standard-EAP"))).contains("group radius");
        assertThat(routes.groupsOf("group radius")).isEmpty(); // not configured yet
        RadiusGroup radius = group("radius");
        routes.add(radius);
        assertThat(routes.groupsOf("group radius")).containsExactly(radius);
    }

    @Test
    void theProfilesListIsReadFromItsConfiguration() {
        List<String> filters = new ArrayList<>();
        Dictionary<String, Object> props = new Hashtable<>(Map.of("name", "RA(1)", "aaa.accounting.list", " a-acct "));
        Configuration cfg = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (p, m, a) -> m.getName().equals("getProperties") ? props : null);
        ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> {
                    filters.add((String) a[0]);
                    return new Configuration[] {cfg};
                });

        assertThat(ProfileAccountingRoutes.accountingList(admin, "RA(1)")).contains("a-acct");
        assertThat(filters).containsExactly("(&(service.factoryPid=io.flexgate.ikev2.profile)(name=RA\\(1\\)))");
        assertThat(ProfileAccountingRoutes.accountingList(null, "RA(1)")).isEmpty();
        props.remove("aaa.accounting.list");
        assertThat(ProfileAccountingRoutes.accountingList(admin, "RA(1)")).isEmpty();
        assertThat(ProfileAccountingRoutes.filterValue("a*b\\c")).isEqualTo("a\\*b\\\\c");
    }
}
