package io.flexgate.ikev2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** NAT_DETECTION_*_IP data: SHA-1(SPIi | SPIr | IP | Port) (RFC 7296 section 2.23). */
class NatDetectionTest {

    private static final long SPI_I = 0x0102030405060708L;
    private static final long SPI_R = 0x1112131415161718L;

    @Test
    void hashIsSha1OverSpisAddressAndPortInNetworkOrder() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 500);
        byte[] layout = HexFormat.of().parseHex("0102030405060708" + "1112131415161718" + "c6120002" + "01f4");

        assertThat(NatDetection.hash(SPI_I, SPI_R, peer)).isEqualTo(MessageDigest.getInstance("SHA-1").digest(layout));
    }

    @Test
    void portAddressAndSpisAllChangeTheHash() throws Exception {
        InetAddress a = InetAddress.getByName("198.18.0.2");
        byte[] base = NatDetection.hash(SPI_I, SPI_R, new InetSocketAddress(a, 500));

        assertThat(NatDetection.hash(SPI_I, SPI_R, new InetSocketAddress(a, 4500))).isNotEqualTo(base);
        assertThat(NatDetection.hash(SPI_I, SPI_R, new InetSocketAddress(InetAddress.getByName("198.18.0.3"), 500)))
                .isNotEqualTo(base);
        assertThat(NatDetection.hash(SPI_I, 0, new InetSocketAddress(a, 500))).isNotEqualTo(base);
    }

    @Test
    void forcedEncapsulationHashNeverMatchesTheRealOne() throws Exception {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("198.18.0.1"), 500);

        assertThat(NatDetection.forcedEncapsulationHash(SPI_I, SPI_R, local)).hasSize(20)
                .isNotEqualTo(NatDetection.hash(SPI_I, SPI_R, local));
    }

    @Test
    void observedNatIsPerSideAndNeedsHashes() throws Exception {
        InetSocketAddress gateway = new InetSocketAddress(InetAddress.getByName("198.18.0.1"), 500);
        InetSocketAddress client = new InetSocketAddress(InetAddress.getByName("198.18.0.2"), 500);
        InetSocketAddress clientPrivate = new InetSocketAddress(InetAddress.getByName("10.1.1.2"), 500);
        InetSocketAddress gatewayPrivate = new InetSocketAddress(InetAddress.getByName("10.9.9.1"), 500);
        java.util.List<byte[]> clientSource = java.util.List.of(NatDetection.hash(SPI_I, 0, client));
        java.util.List<byte[]> clientDest = java.util.List.of(NatDetection.hash(SPI_I, 0, gateway));

        // The same path on both ends: no NAT anywhere.
        assertThat(NatDetection.observe(clientSource, clientDest, SPI_I, gateway, client))
                .isEqualTo(new NatDetection.Observed(false, false));
        // The client hashed its private address: a NAT in front of it only ("detected outside").
        assertThat(NatDetection.observe(java.util.List.of(NatDetection.hash(SPI_I, 0, clientPrivate)), clientDest,
                SPI_I, gateway, client)).isEqualTo(new NatDetection.Observed(false, true));
        // The client sent to a public address that a NAT forwarded to our private one ("detected inside").
        assertThat(NatDetection.observe(clientSource, clientDest, SPI_I, gatewayPrivate, client))
                .isEqualTo(new NatDetection.Observed(true, false));
        // One of several source hashes matching is enough (RFC 7296 2.23: a peer with several addresses).
        assertThat(NatDetection.observe(java.util.List.of(new byte[20], clientSource.get(0)), clientDest, SPI_I,
                gateway, client).remote()).isFalse();
        // No NAT_DETECTION notifies at all: nothing is detected.
        assertThat(NatDetection.observe(java.util.List.of(), java.util.List.of(), SPI_I, gatewayPrivate, clientPrivate))
                .isEqualTo(new NatDetection.Observed(false, false));
    }
}
