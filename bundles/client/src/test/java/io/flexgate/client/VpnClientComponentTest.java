package io.flexgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.Secret;
import io.flexgate.api.client.ConnectRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What client:connect gets back before any packet is sent: refusals with their reason, and no password left. */
class VpnClientComponentTest {

    @TempDir
    Path dir;

    private final VpnClientComponent client = new VpnClientComponent(2, Duration.ZERO, Clock.systemUTC());

    @AfterEach
    void stop() {
        client.deactivate();
    }

    @Test
    void missingCaFileIsRefusedWithItsNameAndThePasswordIsWiped() {
        Secret password = password();
        ConnectRequest r = request("gw", "anyconnect", dir.resolve("no-such-ca.pem"), password);

        assertThatThrownBy(() -> client.connect(r)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-ca.pem");
        assertThat(password.isWiped()).isTrue();
        assertThat(client.sessions()).isEmpty();
    }

    @Test
    void fileWithoutCertificateIsRefused() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> client.connect(request("gw", "anyconnect", notPem, password())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(client.sessions()).isEmpty();
    }

    @Test
    void unknownEapMethodIsRefused() {
        assertThatThrownBy(() -> client.connect(request("gw", "eap-tls", dir.resolve("ca.pem"), password())))
                .hasMessageContaining("anyconnect, mschapv2, md5 or gtc");
    }

    @Test
    void disconnectingAnUnknownSessionSaysSo() {
        assertThat(client.disconnect("nobody")).isEmpty();
    }

    private static ConnectRequest request(String name, String method, Path ca, Secret password) {
        return new ConnectRequest(name, "127.0.0.1", 500, "test", method, ca, Optional.empty(), Optional.empty(),
                Optional.empty(), password);
    }

    private static Secret password() {
        return Secret.copyOf("cisco123".getBytes(StandardCharsets.UTF_8));
    }
}
