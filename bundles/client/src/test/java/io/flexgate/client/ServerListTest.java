package io.flexgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./flexgate connect --profile acvpn.xml}: the ServerList of an AnyConnect profile (the shape of the seed's
 * {@code etc/anyconnect/acvpn.xml}) chooses the headend, its group and EAP method.
 */
class ServerListTest {

    private static final String PROFILE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <AnyConnectProfile xmlns="http://schemas.xmlsoap.org/encoding/">
              <ClientInitialization><AutoReconnect UserControllable="false">true</AutoReconnect></ClientInitialization>
              <ServerList>
                <HostEntry>
                  <HostName>VPN IOS-XE</HostName>
                  <HostAddress>vpn.example.com</HostAddress>
                  <PrimaryProtocol>IPsec
                    <StandardAuthenticationOnly>true
                      <AuthMethodDuringIKENegotiation>EAP-AnyConnect</AuthMethodDuringIKENegotiation>
                    </StandardAuthenticationOnly>
                  </PrimaryProtocol>
                </HostEntry>
                <HostEntry>
                  <HostName>Lab</HostName>
                  <HostAddress>198.18.0.1</HostAddress>
                  <UserGroup>Employees</UserGroup>
                  <PrimaryProtocol>IPsec
                    <StandardAuthenticationOnly>true
                      <AuthMethodDuringIKENegotiation>EAP-MSCHAPv2</AuthMethodDuringIKENegotiation>
                    </StandardAuthenticationOnly>
                  </PrimaryProtocol>
                </HostEntry>
              </ServerList>
            </AnyConnectProfile>
            """;

    @TempDir
    Path dir;

    @Test
    void entriesInDocumentOrderWithGroupAndMethod() throws Exception {
        List<ServerList.HostEntry> entries = ServerList.read(profile(PROFILE));

        assertThat(entries).containsExactly(
                new ServerList.HostEntry("VPN IOS-XE", "vpn.example.com", Optional.empty(), Optional.of("anyconnect")),
                new ServerList.HostEntry("Lab", "198.18.0.1", Optional.of("Employees"), Optional.of("mschapv2")));
    }

    @Test
    void profileWithoutHostPicksTheFirstEntryAndWithAHostNameThatOne() throws Exception {
        Path p = profile(PROFILE);

        ClientOptions first = ClientOptions.parse(List.of("--profile", p.toString(), "--user", "test"));
        ClientOptions lab = ClientOptions.parse(List.of("Lab", "--profile", p.toString(), "--user", "test"));
        ClientOptions overridden = ClientOptions.parse(List.of("Lab", "--profile", p.toString(), "--method", "gtc",
                "--group", "Contractors"));

        assertThat(first.host()).isEqualTo("vpn.example.com");
        assertThat(first.method()).isEqualTo("anyconnect");
        assertThat(lab.host()).isEqualTo("198.18.0.1");
        assertThat(lab.group()).contains("Employees");
        assertThat(lab.method()).isEqualTo("mschapv2");
        assertThat(overridden.method()).isEqualTo("gtc");
        assertThat(overridden.group()).contains("Contractors");
    }

    @Test
    void unknownHostNameListsTheProfilesHosts() throws Exception {
        Path p = profile(PROFILE);

        assertThatThrownBy(() -> ClientOptions.parse(List.of("Home", "--profile", p.toString())))
                .hasMessageContaining("no host 'Home'").hasMessageContaining("VPN IOS-XE, Lab");
    }

    @Test
    void documentTypeDeclarationsAreRefused() throws Exception {
        Path p = profile("""
                <?xml version="1.0"?>
                <!DOCTYPE AnyConnectProfile [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <AnyConnectProfile><ServerList><HostEntry><HostAddress>&x;</HostAddress></HostEntry></ServerList>
                </AnyConnectProfile>
                """);

        assertThatThrownBy(() -> ServerList.read(p)).hasMessageContaining("not a well-formed XML profile")
                .hasMessageNotContaining("passwd");
    }

    @Test
    void profileWithoutServerListIsAClearError() throws Exception {
        Path p = profile("<AnyConnectProfile><ClientInitialization/></AnyConnectProfile>");

        assertThatThrownBy(() -> ClientOptions.parse(List.of("--profile", p.toString())))
                .hasMessageContaining("no ServerList/HostEntry");
    }

    @Test
    void loadOptionsSourcesGroupsAndInitialContact() throws Exception {
        ClientOptions o = ClientOptions.parse(List.of("10.0.0.1", "--source", "198.18.0.2,198.18.0.3",
                "--dh", "31,19", "--no-initial-contact", "--user", "u%d"));

        assertThat(o.initialContact()).isFalse();
        assertThat(o.groups()).extracting(g -> g.value()).containsExactly(31, 19);
        assertThat(o.forSession(0).source()).contains(InetAddress.getByName("198.18.0.2"));
        assertThat(o.forSession(3).source()).contains(InetAddress.getByName("198.18.0.3"));
        assertThat(o.forSession(3).user()).isEqualTo("u3");
        assertThat(ClientOptions.parse(List.of("h")).initialContact()).isTrue();
        assertThat(ClientOptions.parse(List.of("h")).source()).isEmpty();
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--dh", "2"))).hasMessageContaining("--dh");
        assertThatThrownBy(() -> ClientOptions.parse(List.of("h", "--source", "gw.example"))).hasMessageContaining("--source");
    }

    private Path profile(String text) throws Exception {
        return Files.writeString(dir.resolve("profile.xml"), text, StandardCharsets.UTF_8);
    }
}
