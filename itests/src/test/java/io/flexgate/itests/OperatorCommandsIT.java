package io.flexgate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The operator's IOS-style commands in the booted distribution without any client: the show commands answer
 * with their empty layouts, the debug switches land in pax-logging's configuration and come off again, and
 * the seed's configuration imports without a rejected line (dry run: nothing changes).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OperatorCommandsIT extends FlexGateTestSupport {

    /** The seed configuration in the source tree; the container runs on the same machine. */
    private static final String EXAMPLE_PROPERTY = "flexgate.example.seed";

    @Configuration
    public Option[] config() {
        File example = new File(System.getProperty("flexgate.top", ".."), "examples/seed-flexvpn.cfg");
        return withOptions(systemProperty(EXAMPLE_PROPERTY).value(example.getAbsolutePath()));
    }

    /** Runs {@code command} once the commands of the shell bundle are registered. */
    private String ready(String command, String expected) throws Exception {
        await(command + " to answer", WAIT, () -> {
            try {
                return execute(command).contains(expected);
            } catch (Exception e) {
                return false;
            }
        });
        return execute(command);
    }

    @Test
    public void showCommandsPrintTheirEmptyLayouts() throws Exception {
        String ikeSa = ready("crypto:ikev2-sa", "IPv4 Crypto IKEv2 SA");
        assertTrue(ikeSa, ikeSa.matches("(?s).*Tunnel-id.*Local.*Remote.*fvrf/ivrf.*Status.*"));
        // For scripts: no header row, and no SA rows without sessions.
        assertEquals("IPv4 Crypto IKEv2 SA", execute("crypto:ikev2-sa --no-format").strip());

        String session = execute("crypto:session --detail");
        assertTrue(session, session.startsWith("Crypto session current status"));
        assertTrue(session, session.contains("R - IKE Auto Reconnect, U - IKE Dynamic Route Update"));
        assertFalse(session, session.contains("Interface:"));

        assertEquals("", execute("crypto:ipsec-sa").strip());
        assertEquals("0 sessions cleared", execute("crypto:clear-session --peer 192.0.2.100").strip());
        try {
            fail("derived-config without a session printed: " + execute("crypto:derived-config Virtual-Access1"));
        } catch (IllegalArgumentException e) {
            assertEquals("no session on interface Virtual-Access1", e.getMessage());
        }
    }

    /**
     * The switches end up in ConfigurationAdmin (what log:get reads) and come off again, with the commands run
     * back to back as an operator's paste would run them.
     */
    @Test
    public void debugSwitchesSetAndResetLogLevels() throws Exception {
        String on = ready("crypto:debug ikev2 packet", "Debugging on");
        assertTrue(on, on.contains("io.flexgate.ikev2.engine TRACE"));
        assertTrue(on, on.contains("io.flexgate.ikev2.packet DEBUG"));
        awaitLevel("pax-logging to take the level", true);
        String aaa = execute("aaa:debug authentication");
        assertTrue(aaa, aaa.contains("io.flexgate.eap DEBUG"));

        String off = execute("crypto:undebug");
        assertTrue(off, off.contains("All possible debugging has been turned off"));
        awaitLevel("the level to fall back", false);
    }

    /**
     * Waits until log:get shows the engine at TRACE (or not). On a time-out says what log:get last answered
     * (an "Unrecognized configuration" means pax-logging's configuration lost its base) and what the
     * configuration holds.
     */
    private void awaitLevel(String what, boolean trace) throws Exception {
        String[] last = {""};
        try {
            await(what, WAIT, () -> {
                try {
                    last[0] = execute("log:get io.flexgate.ikev2.engine").strip();
                    return last[0].contains("TRACE") == trace;
                } catch (Exception e) {
                    last[0] = e.toString();
                    return false;
                }
            });
        } catch (AssertionError e) {
            String config;
            try {
                config = execute("config:list '(service.pid=org.ops4j.pax.logging)'").lines()
                        .filter(l -> l.contains("io_flexgate") || l.contains("rootLogger.level") || l.contains("fileinstall"))
                        .collect(java.util.stream.Collectors.joining("\n"));
            } catch (Exception listing) {
                config = listing.toString();
            }
            throw new AssertionError(e.getMessage() + "; log:get last said: " + last[0]
                    + "; the configuration holds:\n" + config, e);
        }
    }

    @Test
    public void theSeedConfigurationImportsWithoutARejectedLine() throws Exception {
        String file = System.getProperty(EXAMPLE_PROPERTY);
        String out = ready("flexgate:import-ios --dry-run " + file, "Dry run:");
        assertTrue(out, out.contains("Dry run:") && out.contains(" 0 line(s) rejected"));
        assertFalse(out, out.contains("% line"));
        assertFalse("the password stays out of the report:\n" + out, out.contains("cisco123"));
        // The shipped etc/ is the seed deployment: its objects are found, the seed's own names among them.
        for (String target : List.of("io.flexgate.pool~ACP00L", "io.flexgate.ikev2.profile~AnyConnect-EAP",
                "io.flexgate.interface~Virtual-Template100", "io.flexgate.acl~split_tunnel", "username test")) {
            assertTrue(target + " in:\n" + out, out.contains(target));
        }

        String running = execute("flexgate:running-config");
        assertTrue(running, running.contains("ip local pool ACP00L 192.168.10.5 192.168.10.10"));
        assertTrue(running, running.contains("crypto ikev2 profile AnyConnect-EAP"));
        assertTrue(running, running.strip().endsWith("end"));
    }
}
