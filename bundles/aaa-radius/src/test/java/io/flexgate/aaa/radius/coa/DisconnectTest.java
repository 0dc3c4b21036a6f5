package io.flexgate.aaa.radius.coa;

import static io.flexgate.aaa.radius.accounting.Sessions.counters;
import io.flexgate.aaa.radius.accounting.Sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.api.Secret;
import io.flexgate.api.session.SessionInfo;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.api.session.SessionRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** RFC 5176 Disconnect-Request: matching rules, and FreeRADIUS's radclient against our listener. */
class DisconnectTest {

    static final Instant UP = Instant.parse("2026-11-28T10:00:00Z");

    /** Two sessions; {@code clear} records what it was asked. */
    static final class Registry implements SessionRegistry {
        final List<SessionInfo> sessions = List.of(
                Sessions.session(0x51, "bob", "192.168.10.5", UP, counters(0, 0, 0, 0), counters(0, 0, 0, 0)),
                Sessions.session(0x52, "carol", "192.168.10.6", UP, counters(0, 0, 0, 0), counters(0, 0, 0, 0)));
        final List<String> cleared = new CopyOnWriteArrayList<>();

        @Override
        public List<SessionInfo> sessions() {
            return sessions;
        }

        @Override
        public Optional<SessionInfo> session(long sessionId) {
            return sessions.stream().filter(s -> s.sessionId() == sessionId).findFirst();
        }

        @Override
        public int clear(Selector selector, DownReason reason) {
            cleared.add(selector + " " + reason);
            return selector instanceof Selector.ById id && session(id.sessionId()).isPresent() ? 1 : 0;
        }
    }

    private static RadiusPacket disconnect(RadiusAttribute... attrs) {
        return RadiusPacket.of(RadiusCode.DISCONNECT_REQUEST, 9, List.of(attrs));
    }

    @Test
    void everyIdentifyingAttributeMustMatch() throws Exception {
        Registry r = new Registry();
        DisconnectHandler h = new DisconnectHandler(() -> Optional.of(r));

        RadiusPacket nak = h.answer(disconnect(RadiusAttribute.text(RadiusAttributeType.USER_NAME, "bob"),
                RadiusAttribute.address(RadiusAttributeType.FRAMED_IP_ADDRESS,
                        (java.net.Inet4Address) InetAddress.getByName("192.168.10.6"))));
        assertThat(nak.code()).isEqualTo(RadiusCode.DISCONNECT_NAK);
        assertThat(nak.attribute(RadiusAttributeType.ERROR_CAUSE).orElseThrow().asInteger()).isEqualTo(503);
        assertThat(r.cleared).isEmpty();

        RadiusPacket ack = h.answer(disconnect(RadiusAttribute.text(RadiusAttributeType.USER_NAME, "carol")));
        assertThat(ack.code()).isEqualTo(RadiusCode.DISCONNECT_ACK);
        assertThat(r.cleared).containsExactly("ById[sessionId=82] DISCONNECT_REQUEST");
    }

    @Test
    void withoutIdentificationOrRegistryOrForCoaItIsANak() throws Exception {
        DisconnectHandler none = new DisconnectHandler(Optional::empty);
        assertThat(none.answer(disconnect()).attribute(RadiusAttributeType.ERROR_CAUSE).orElseThrow().asInteger())
                .isEqualTo(402);
        assertThat(none.answer(disconnect(RadiusAttribute.text(RadiusAttributeType.USER_NAME, "bob")))
                .attribute(RadiusAttributeType.ERROR_CAUSE).orElseThrow().asInteger()).isEqualTo(506);
        RadiusPacket coa = none.answer(RadiusPacket.of(RadiusCode.COA_REQUEST, 1, List.of()));
        assertThat(coa.code()).isEqualTo(RadiusCode.COA_NAK);
        assertThat(coa.attribute(RadiusAttributeType.ERROR_CAUSE).orElseThrow().asInteger()).isEqualTo(405);
    }

    /** radclient with one try of {@code timeout} seconds (the first answer may wait for class loading). */
    static String radclient(int port, String secret, String attributes, int timeout) throws Exception {
        Process p = new ProcessBuilder("radclient", "-x", "-r", "1", "-t", Integer.toString(timeout),
                "127.0.0.1:" + port, "disconnect", secret).redirectErrorStream(true).start();
        p.getOutputStream().write(attributes.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(timeout + 10L, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void radclientDisconnectTearsTheSessionDown() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/radclient")),
                "radclient is not installed: apt-get install -y freeradius-utils");
        Registry r = new Registry();
        try (DynamicAuthorizationServer server = new DynamicAuthorizationServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Set.of(InetAddress.getLoopbackAddress()),
                Secret.copyOf("coa-secret".getBytes(StandardCharsets.US_ASCII)),
                new DisconnectHandler(() -> Optional.of(r)))) {
            int port = server.localAddress().getPort();

            String ack = radclient(port, "coa-secret", "Acct-Session-Id = \"00000051\"\n", 10);
            assertThat(ack).contains("Received Disconnect-ACK");
            assertThat(r.cleared).containsExactly("ById[sessionId=81] DISCONNECT_REQUEST");

            String nak = radclient(port, "coa-secret", "User-Name = \"mallory\"\n", 10);
            assertThat(nak).contains("Received Disconnect-NAK", "Error-Cause = Session-Context-Not-Found");

            // a request signed with another key is dropped: radclient hears nothing
            String dropped = radclient(port, "not-the-key", "User-Name = \"bob\"\n", 1);
            assertThat(dropped).doesNotContain("Received").contains("No reply");
            assertThat(r.cleared).hasSize(1);
        }
    }
}
