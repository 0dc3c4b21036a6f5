package io.flexgate.shell.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DebugLevelsTest {

    /** The part of Karaf 4.4's shipped etc/org.ops4j.pax.logging.cfg that a debug switch must leave alone. */
    private static Dictionary<String, Object> shipped() {
        Hashtable<String, Object> d = new Hashtable<>();
        d.put("log4j2.rootLogger.level", "INFO");
        d.put("log4j2.logger.sshd.name", "org.apache.sshd");
        d.put("log4j2.logger.sshd.level", "INFO");
        return d;
    }

    @Test
    void debugIkev2PacketSetsLoggersInLogSetsForm() {
        Dictionary<String, Object> d = DebugLevels.withLevels(shipped(), DebugLevels.IKEV2_PACKET);

        assertThat(d.get("log4j2.logger.io_flexgate_ikev2_engine.name")).isEqualTo("io.flexgate.ikev2.engine");
        assertThat(d.get("log4j2.logger.io_flexgate_ikev2_engine.level")).isEqualTo("TRACE");
        assertThat(d.get("log4j2.logger.io_flexgate_ikev2.level")).isEqualTo("DEBUG");
        assertThat(d.get("log4j2.logger.sshd.level")).isEqualTo("INFO");
        assertThat(DebugLevels.active(d)).containsEntry("io.flexgate.ikev2.message", "TRACE")
                .containsEntry("io.flexgate.ikev2.packet", "DEBUG").hasSize(5);
    }

    @Test
    void aLessVerboseSwitchDoesNotLowerALevelAlreadySet() {
        Dictionary<String, Object> packet = DebugLevels.withLevels(shipped(), DebugLevels.IKEV2_PACKET);

        Dictionary<String, Object> both = DebugLevels.withLevels(packet, DebugLevels.IKEV2_ERROR);

        assertThat(both.get("log4j2.logger.io_flexgate_ikev2_transport.level")).isEqualTo("TRACE");
        assertThat(both.get("log4j2.logger.io_flexgate_ikev2_engine_responder.level")).isEqualTo("DEBUG");
    }

    @Test
    void undebugRemovesEverySwitchAndKeepsTheRest() {
        Dictionary<String, Object> d = DebugLevels.withLevels(
                DebugLevels.withLevels(shipped(), DebugLevels.AAA_AUTHENTICATION), DebugLevels.AAA_AUTHORIZATION);
        assertThat(DebugLevels.active(d)).containsOnlyKeys("io.flexgate.eap", "io.flexgate.aaa",
                "io.flexgate.ikev2.engine.AuthExchange", "io.flexgate.pool", "io.flexgate.ikev2.engine.SessionSetup");

        Dictionary<String, Object> off = DebugLevels.withoutDebug(d);

        assertThat(DebugLevels.active(off)).isEmpty();
        assertThat(off.size()).isEqualTo(shipped().size());
        assertThat(off.get("log4j2.logger.sshd.name")).isEqualTo("org.apache.sshd");
    }

    @Test
    void noConfigurationYetStartsEmpty() {
        assertThat(DebugLevels.withLevels(null, Map.of("io.flexgate.ikev2", "DEBUG")).size()).isEqualTo(2);
    }

    @Test
    void plainIkev2DebugLeavesThePacketTraceOffAndPacketTurnsItOn() {
        Dictionary<String, Object> plain = DebugLevels.withLevels(shipped(), DebugLevels.IKEV2);
        assertThat(plain.get("log4j2.logger.io_flexgate_ikev2_packet.level")).isEqualTo("INFO");

        Dictionary<String, Object> packet = DebugLevels.withLevels(plain, DebugLevels.IKEV2_PACKET);
        assertThat(packet.get("log4j2.logger.io_flexgate_ikev2_packet.level")).isEqualTo("DEBUG");
        // and a later plain debug does not turn it off again
        assertThat(DebugLevels.withLevels(packet, DebugLevels.IKEV2).get("log4j2.logger.io_flexgate_ikev2_packet.level"))
                .isEqualTo("DEBUG");
    }

    @Test
    void theManagedKeysAreExactlyWhatUndebugRemoves() {
        Dictionary<String, Object> all = shipped();
        for (Map<String, String> levels : DebugLevels.ALL) {
            all = DebugLevels.withLevels(all, levels);
        }
        int added = all.size() - shipped().size();

        assertThat(DebugLevels.managedKeys()).hasSize(added).allMatch(k -> k.startsWith("log4j2.logger.io_flexgate"));
        assertThat(DebugLevels.withoutDebug(all).size()).isEqualTo(shipped().size());
    }
}
