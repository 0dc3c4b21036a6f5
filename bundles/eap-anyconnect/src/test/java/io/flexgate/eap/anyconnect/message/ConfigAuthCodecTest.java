package io.flexgate.eap.anyconnect.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectPeer.ProfileManifest;
import io.flexgate.eap.anyconnect.xml.HardenedXml;
import io.flexgate.eap.anyconnect.xml.XmlElement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Generate, then parse: every config-auth type of anchors.md section 2.4 comes back as it went in. */
class ConfigAuthCodecTest {

    private static ConfigAuth roundTrip(ConfigAuth message) throws MalformedMessageException {
        return ConfigAuthCodec.decode(ConfigAuthCodec.encode(message));
    }

    private static Secret secret(String s) {
        return Secret.copyOf(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void helloAndAckAreTheHeaderOnly() throws Exception {
        String hello = new String(ConfigAuthCodec.encode(new ConfigAuth.Hello()), StandardCharsets.UTF_8);

        assertThat(hello).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><config-auth client=\"vpn\" "
                + "type=\"hello\" aggregate-auth-version=\"2\"></config-auth>");
        assertThat(roundTrip(new ConfigAuth.Hello())).isEqualTo(new ConfigAuth.Hello());
        assertThat(roundTrip(new ConfigAuth.Ack())).isEqualTo(new ConfigAuth.Ack());
    }

    @Test
    void initRoundTrips() throws Exception {
        ConfigAuth.Init init = new ConfigAuth.Init("4.9.01095", "win", Optional.of("https://vpn.example.com/g&1"),
                Optional.of("staff"));

        assertThat(roundTrip(init)).isEqualTo(init);
        assertThat(roundTrip(new ConfigAuth.Init("1", "mac", Optional.empty(), Optional.empty())))
                .isEqualTo(new ConfigAuth.Init("1", "mac", Optional.empty(), Optional.empty()));
    }

    @Test
    void authRequestRoundTripsWithBannerErrorAndGroups() throws Exception {
        ConfigAuth.AuthRequest form = new ConfigAuth.AuthRequest("Log in <now> & \"quickly\"",
                Optional.of("Line 1\nLine 2 ' \" < > &"), Optional.of("Login failed"),
                List.of(new ConfigAuth.FormInput("text", "username", "Username:"),
                        new ConfigAuth.FormInput("password", "password", "Pass\"word:")),
                List.of("staff", "R&D"));

        assertThat(roundTrip(form)).isEqualTo(form);
    }

    @Test
    void authReplyRoundTripsThePasswordExactly() throws Exception {
        String password = "  pä<ss>&\"'\t\r\n\r ";
        ConfigAuth.AuthReply reply = new ConfigAuth.AuthReply("ünï", secret(password), Optional.of("staff"));

        ConfigAuth.AuthReply back = (ConfigAuth.AuthReply) roundTrip(reply);

        assertThat(back.username()).isEqualTo("ünï");
        assertThat(back.password().equalsConstantTime(password.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(back.groupSelect()).contains("staff");
        assertThat(back.toString()).doesNotContain("pä<ss>");
    }

    @Test
    void completeCarriesTheProfileManifestWhereClientsLookForIt() throws Exception {
        ProfileManifest manifest = new ProfileManifest("/CACHE/stc/profiles/acvpn.xml",
                "A9993E364706816ABA3E25717850C26C9CD0D89D");
        ConfigAuth.Complete complete = new ConfigAuth.Complete("38", secret("0A0B0C@38@0102@" + "E".repeat(40)),
                Optional.of(manifest));

        byte[] xml = ConfigAuthCodec.encode(complete);
        ConfigAuth.Complete back = (ConfigAuth.Complete) ConfigAuthCodec.decode(xml);

        assertThat(back.sessionId()).isEqualTo("38");
        assertThat(back.profile()).contains(manifest);
        assertThat(back.sessionToken().equalsConstantTime(("0A0B0C@38@0102@" + "E".repeat(40)).getBytes())).isTrue();
        // anchors.md 2.5: config/vpn-profile-manifest/vpn/file[type=profile, service-type=user]/{uri, hash[type=sha1]}
        XmlElement file = HardenedXml.parse(xml, ConfigAuthCodec.LIMITS).child("config").orElseThrow()
                .child("vpn-profile-manifest").orElseThrow().child("vpn").orElseThrow().child("file").orElseThrow();
        assertThat(file.attributes()).containsEntry("type", "profile").containsEntry("service-type", "user");
        assertThat(file.child("hash").orElseThrow().attributes()).containsEntry("type", "sha1");
    }

    @Test
    void completeWithoutProfileHasNoManifest() throws Exception {
        ConfigAuth.Complete back = (ConfigAuth.Complete) roundTrip(
                new ConfigAuth.Complete("1", secret("t"), Optional.empty()));

        assertThat(back.profile()).isEmpty();
    }

    @Test
    void charactersXmlCannotCarryAreRefusedWhenGenerating() {
        assertThatThrownBy(() -> ConfigAuthCodec.encode(new ConfigAuth.AuthReply("bad\u0000name", secret("p"),
                Optional.empty()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0000 at index 3");
        assertThatThrownBy(() -> ConfigAuthCodec.encode(new ConfigAuth.AuthReply("u", secret("p\u0001"),
                Optional.empty()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void documentsThatAreNotUsableAreRefused() {
        assertThatThrownBy(() -> decode("<config-auth client=\"vpn\" type=\"shutdown\"/>"))
                .hasMessage("unknown config-auth type 'shutdown'");
        assertThatThrownBy(() -> decode("<config-auth client=\"vpn\"/>"))
                .hasMessage("<config-auth> has no type attribute");
        assertThatThrownBy(() -> decode("<html/>")).hasMessage("root element is <html>, not <config-auth>");
        assertThatThrownBy(() -> decode("<config-auth client=\"vpn\" type=\"init\"/>"))
                .hasMessage("config-auth 'init' lacks <version>");
        assertThatThrownBy(() -> decode("<config-auth client=\"vpn\" type=\"auth-reply\"><auth>"
                + "<username>u</username></auth></config-auth>")).hasMessage("config-auth 'auth-reply' lacks <password>");
        assertThatThrownBy(() -> decode("<config-auth client=\"vpn\" type=\"complete\"><error>Denied\tnow</error>"
                + "</config-auth>")).hasMessage("the peer reported an error: Denied?now");
        assertThatThrownBy(() -> decode("<config-auth type=\"hello\">\n<a></b></config-auth>"))
                // the parser's own wording quotes the document, which may hold a password: only the place
                .hasMessage("config-auth XML rejected: line 2, column 6: not well-formed");
    }

    private static ConfigAuth decode(String xml) throws MalformedMessageException {
        return ConfigAuthCodec.decode(xml.getBytes(StandardCharsets.UTF_8));
    }
}
