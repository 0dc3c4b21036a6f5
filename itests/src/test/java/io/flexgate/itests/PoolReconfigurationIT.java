package io.flexgate.itests;

import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 6: the operator edits the pool's file in etc/ while the headend runs, and the new range applies at
 * once (Karaf's file watch, ConfigAdmin, the pool's modified method), as {@code ip:local-pool} shows.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PoolReconfigurationIT extends FlexGateTestSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void editedPoolFileAppliesLive() throws Exception {
        await("pool ACP00L with the seed range", WAIT, () -> show().contains("192.168.10.10"));

        Path file = Path.of(System.getProperty("karaf.etc"), "io.flexgate.pool-ACP00L.cfg");
        String edited = Files.readString(file, StandardCharsets.UTF_8)
                .replace("192.168.10.5 192.168.10.10", "192.168.10.5 192.168.10.20");
        assertTrue("the shipped file holds the seed range", edited.contains("192.168.10.20"));
        Path tmp = file.resolveSibling("pool.edit.tmp");
        Files.writeString(tmp, edited, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        await("ip:local-pool to show the new range", WAIT, () -> show().contains("192.168.10.20"));
        String out = show();
        assertTrue(out, out.matches("(?s).*ACP00L\\s+192\\.168\\.10\\.5\\s+192\\.168\\.10\\.20\\s+16\\s+0.*"));
    }

    private String show() {
        try {
            return execute("ip:local-pool --no-format");
        } catch (Exception e) {
            return "";
        }
    }
}
