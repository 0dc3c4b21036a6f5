package io.flexgate.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.net.IpRange;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The shipped {@code etc/io.flexgate.pool-ACP00L.cfg} is the seed's {@code ip local pool ACP00L 192.168.10.5 192.168.10.10}. */
class SeedPoolTest {

    @Test
    void shippedPoolIsTheSeedsAcp00l() throws IOException {
        Path cfg = Path.of(System.getProperty("user.dir")).resolve("../../etc/io.flexgate.pool-ACP00L.cfg").normalize();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cfg, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        IpLocalPool pool = new IpLocalPool(IpLocalPoolTest.config(p.getProperty("pool.name"), p.getProperty("ranges")));
        assertThat(pool.name()).isEqualTo("ACP00L");
        assertThat(pool.ranges()).containsExactly(new IpRange(InetAddress.getByName("192.168.10.5"),
                InetAddress.getByName("192.168.10.10")));
        assertThat(pool.usage().get(0).free()).isEqualTo(6);
    }
}
