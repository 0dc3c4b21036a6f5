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
}
