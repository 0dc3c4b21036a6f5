package io.flexgate.esp;

import static io.flexgate.esp.TestTunnel.CLIENT_ADDRESS;
import static io.flexgate.esp.TestTunnel.CLIENT_OUTER;
import static io.flexgate.esp.TestTunnel.GATEWAY_IN;
import static io.flexgate.esp.TestTunnel.GATEWAY_OUTER;
import static io.flexgate.esp.TestTunnel.SERVER_ADDRESS;
import static io.flexgate.esp.TestTunnel.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.dataplane.ChildSaCounters;
import io.flexgate.esp.TestTunnel.Suite;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The peer's NAT mapping moves (RFC 7296 section 2.23, RFC 3948 section 2.2): after the engine tells the data
 * plane, ESP goes to the new address and port with the same keys and sequence numbers.
 */
class PeerMoveTest {

    private static final Suite GCM = TestTunnel.suites().get(2);
    /** The client's NAT gave it a new public port (and address). */
    private static final InetSocketAddress MOVED = new InetSocketAddress("198.18.0.99", 31_337);

    @Test
    void outboundEspGoesToTheNewAddressAfterTheUpdate() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            byte[] first = InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 100);
            assertThat(t.gatewayDevice().inject(first)).isTrue();
            assertThat(written(t.clientDevice())).isEqualTo(first);
            assertThat(nextRoute(t)).isEqualTo(GATEWAY_OUTER + "->" + CLIENT_OUTER);
            assertThat(t.gateway.pair(GATEWAY_IN).toString())
                    .contains(String.format("in=%08x", GATEWAY_IN), GATEWAY_OUTER + "<->" + CLIENT_OUTER)
                    .doesNotContain("now", "Secret");

            assertThat(t.gateway.updateEndpoints(GATEWAY_IN, GATEWAY_OUTER, MOVED)).isTrue();

            byte[] second = InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 120);
            assertThat(t.gatewayDevice().inject(second)).isTrue();
            // Same SA, next sequence number: the client (which does not care where it is) still decrypts it.
            assertThat(written(t.clientDevice())).isEqualTo(second);
            assertThat(nextRoute(t)).isEqualTo(GATEWAY_OUTER + "->" + MOVED);
            assertThat(t.gateway.counters(GATEWAY_IN)).contains(new ChildSaCounters(2, 0, 220, 0, 0, 0, 0, 0));
            assertThat(t.gateway.pair(GATEWAY_IN).toString()).contains("now " + GATEWAY_OUTER + "<->" + MOVED);
        }
    }

    @Test
    void inboundTrafficFromTheOldOrNewAddressStillDecrypts() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            assertThat(t.gateway.updateEndpoints(GATEWAY_IN, GATEWAY_OUTER, MOVED)).isTrue();
            byte[] inner = InnerPackets.ipv4(CLIENT_ADDRESS, SERVER_ADDRESS, 64);
            t.clientSends(inner);
            assertThat(written(t.gatewayDevice())).isEqualTo(inner);
        }
    }

    @Test
    void anUnknownSpiIsNotMoved() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            assertThat(t.gateway.updateEndpoints(GATEWAY_IN + 1, GATEWAY_OUTER, MOVED)).isFalse();

            byte[] packet = InnerPackets.ipv4(SERVER_ADDRESS, CLIENT_ADDRESS, 100);
            assertThat(t.gatewayDevice().inject(packet)).isTrue();
            assertThat(nextRoute(t)).isEqualTo(GATEWAY_OUTER + "->" + CLIENT_OUTER);
        }
    }

    @Test
    void aRemovedPairIsNotMoved() throws Exception {
        try (TestTunnel t = new TestTunnel().install(GCM, false)) {
            t.gateway.remove(GATEWAY_IN);
            assertThat(t.gateway.updateEndpoints(GATEWAY_IN, GATEWAY_OUTER, MOVED)).isFalse();
        }
    }

    private static String nextRoute(TestTunnel t) throws InterruptedException {
        return t.gatewayRoutes.poll(TestTunnel.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
