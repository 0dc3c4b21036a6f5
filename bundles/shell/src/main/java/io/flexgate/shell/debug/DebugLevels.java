package io.flexgate.shell.debug;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The IOS {@code debug} switches as log levels of FlexGate's loggers, kept in pax-logging's configuration
 * {@code org.ops4j.pax.logging} in the form Karaf's {@code log:set} writes ({@code log4j2.logger.ID.name} and
 * {@code .level}), so {@code log:get} shows them. The distribution has FileInstall's write-back off
 * ({@code felix.fileinstall.enableConfigSave = false}, docs/security.md 3.7): the switches then last until the
 * next restart, as IOS debugs do. With the write-back on, a restart keeps them.
 */
final class DebugLevels {

    static final String PAX_LOGGING_PID = "org.ops4j.pax.logging";
    private static final String PREFIX = "log4j2.logger.";
    /** The key every log4j2 properties configuration of pax-logging has (Karaf's log commands require it). */
    static final String ROOT_LEVEL = "log4j2.rootLogger.level";

    /** The engine's packet trace: one line per IKE message sent and received, at DEBUG. */
    static final String PACKET_LOGGER = "io.flexgate.ikev2.packet";

    /**
     * {@code debug crypto ikev2}: state changes, payload detail. The packet trace stays at INFO (off), as IOS
     * shows packets only with {@code debug crypto ikev2 packet}.
     */
    static final Map<String, String> IKEV2 = Map.of("io.flexgate.ikev2", "DEBUG", PACKET_LOGGER, "INFO");
    /**
     * {@code debug crypto ikev2 packet}: the packet trace on ({@code IKEv2:(SESSION ID = 1,SA ID = 1):Received
     * Packet [From ...] ... Payload contents: IDi CERTREQ CPRQ(...) SA TSi TSr, 412 bytes}), and the engine,
     * codec and transport at TRACE for whatever detail they log.
     */
    static final Map<String, String> IKEV2_PACKET = Map.of("io.flexgate.ikev2", "DEBUG", PACKET_LOGGER, "DEBUG",
            "io.flexgate.ikev2.engine", "TRACE", "io.flexgate.ikev2.message", "TRACE",
            "io.flexgate.ikev2.transport", "TRACE");
    /** {@code debug crypto ikev2 error}: why datagrams and messages were dropped. */
    static final Map<String, String> IKEV2_ERROR = Map.of("io.flexgate.ikev2.engine.Responder", "DEBUG",
            "io.flexgate.ikev2.transport", "DEBUG");
    /** {@code debug aaa authentication}: the EAP methods, the AuthExchange and the local database. */
    static final Map<String, String> AAA_AUTHENTICATION = Map.of("io.flexgate.eap", "DEBUG",
            "io.flexgate.aaa", "DEBUG", "io.flexgate.ikev2.engine.AuthExchange", "DEBUG");
    /** {@code debug aaa authorization}: policies, pools and the session set-up that applies them. */
    static final Map<String, String> AAA_AUTHORIZATION = Map.of("io.flexgate.aaa", "DEBUG",
            "io.flexgate.pool", "DEBUG", "io.flexgate.ikev2.engine.SessionSetup", "DEBUG");

    /** Every logger a debug switch may have set: what {@code undebug} resets. */
    static final List<Map<String, String>> ALL = List.of(IKEV2, IKEV2_PACKET, IKEV2_ERROR, AAA_AUTHENTICATION,
            AAA_AUTHORIZATION);

    private DebugLevels() {
    }

    /** The configuration with {@code levels} set; a logger already more verbose keeps its level. */
    static Dictionary<String, Object> withLevels(Dictionary<String, Object> current, Map<String, String> levels) {
        Dictionary<String, Object> out = copy(current);
        for (Map.Entry<String, String> e : levels.entrySet()) {
            String key = PREFIX + id(e.getKey());
            Object existing = out.get(key + ".level");
            if (existing != null && rank(existing.toString()) >= rank(e.getValue())) {
                continue;
            }
            out.put(key + ".name", e.getKey());
            out.put(key + ".level", e.getValue());
        }
        return out;
    }

    /** The configuration without any logger a debug switch sets: back to the root level. */
    static Dictionary<String, Object> withoutDebug(Dictionary<String, Object> current) {
        Dictionary<String, Object> out = copy(current);
        managedKeys().forEach(out::remove);
        return out;
    }

    /** The loggers and levels the debug switches have set now, for the operator's confirmation. */
    static Map<String, String> active(Dictionary<String, Object> current) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, String> levels : ALL) {
            for (String logger : levels.keySet()) {
                Object level = current == null ? null : current.get(PREFIX + id(logger) + ".level");
                if (level != null) {
                    out.put(logger, level.toString());
                }
            }
        }
        return out;
    }

    /** Longest a debug command waits for fileinstall to save its change to etc/org.ops4j.pax.logging.cfg. */
    static final Duration WRITE_BACK_TIMEOUT = Duration.ofSeconds(10);

    /** One debug command's change at a time: each reads the configuration the previous one left. */
    private static final Object UPDATE_LOCK = new Object();

    /** How often a change that something else undid is applied again before the command gives up. */
    static final int MAX_ATTEMPTS = 3;

    /**
     * What a debug command changed: the loggers now at a debug level, and whether the change settled (saved to
     * etc/ and still in ConfigurationAdmin afterwards).
     */
    record Applied(Map<String, String> active, boolean settled) {
    }

    /**
     * Reads, changes and writes the pax-logging configuration in one update, waits until fileinstall has saved
     * it to its file (see {@link FileWriteBack} for the lost update this prevents), and checks that
     * ConfigurationAdmin still holds it then: a change that something put an older state back over is applied
     * again, on top of what is there now.
     */
    static Applied update(ConfigurationAdmin configAdmin, UnaryOperator<Dictionary<String, Object>> change)
            throws IOException {
        return update(configAdmin, change, WRITE_BACK_TIMEOUT);
    }

    /** {@link #update(ConfigurationAdmin, UnaryOperator)} with each of its waits bounded by {@code timeout}. */
    static Applied update(ConfigurationAdmin configAdmin, UnaryOperator<Dictionary<String, Object>> change,
            Duration timeout) throws IOException {
        return update(configAdmin, change, timeout, fileInstallWritesBack());
    }

    /**
     * The framework property with which FileInstall decides whether it writes ConfigAdmin's changes back into
     * their etc/ files (its own default: it does).
     */
    static final String WRITE_BACK_PROPERTY = "felix.fileinstall.enableConfigSave";

    /** Whether FileInstall writes configuration changes back into etc/ in this framework. */
    static boolean fileInstallWritesBack() {
        Bundle bundle = FrameworkUtil.getBundle(DebugLevels.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        String value = context == null ? null : context.getProperty(WRITE_BACK_PROPERTY);
        return value == null || Boolean.parseBoolean(value.trim());
    }

    /**
     * {@link #update(ConfigurationAdmin, UnaryOperator, Duration)}, waiting for FileInstall's write-back only when
     * {@code writesBack}: without it the file never changes, so its scanner has nothing to put back.
     */
    static Applied update(ConfigurationAdmin configAdmin, UnaryOperator<Dictionary<String, Object>> change,
            Duration timeout, boolean writesBack) throws IOException {
        if (configAdmin == null) {
            throw new IllegalStateException("ConfigurationAdmin is not available: log levels cannot be set");
        }
        List<String> keys = managedKeys();
        synchronized (UPDATE_LOCK) {
            Dictionary<String, Object> changed = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Configuration config = configAdmin.getConfiguration(PAX_LOGGING_PID, null);
                changed = change.apply(loaded(config, timeout));
                config.update(changed);
                boolean written = !writesBack || FileWriteBack.await(changed, keys, timeout);
                Dictionary<String, Object> now = configAdmin.getConfiguration(PAX_LOGGING_PID, null).getProperties();
                if (isLoaded(now) && FileWriteBack.sameValues(now::get, changed::get, keys)) {
                    return new Applied(active(changed), written);
                }
            }
            return new Applied(active(changed), false);
        }
    }

    /**
     * pax-logging's configuration as ConfigurationAdmin holds it, once it holds all of it. A debug switch must
     * never write its levels into an absent or partial configuration: that would replace pax-logging's whole
     * configuration (appenders, root level) by a handful of logger levels, and Karaf's log:get and log:set then
     * fail with "Unrecognized configuration" for good. (Karaf's own log:set refuses such a configuration too.)
     *
     * @throws IllegalStateException when it is not there within {@code timeout}; nothing changed
     */
    static Dictionary<String, Object> loaded(Configuration config, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Dictionary<String, Object> current = config.getProperties();
        while (!isLoaded(current)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("pax-logging's configuration " + PAX_LOGGING_PID + " is not loaded ("
                        + (current == null ? "absent" : "no " + ROOT_LEVEL) + "): nothing changed, try again");
            }
            try {
                Thread.sleep(FileWriteBack.POLL.toMillis()); // poll interval of a bounded wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + PAX_LOGGING_PID, e);
            }
            current = config.getProperties();
        }
        return current;
    }

    private static boolean isLoaded(Dictionary<String, Object> properties) {
        return properties != null && properties.get(ROOT_LEVEL) != null;
    }

    /** The configuration keys the debug switches set or remove. */
    static List<String> managedKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, String> levels : ALL) {
            for (String logger : levels.keySet()) {
                keys.add(PREFIX + id(logger) + ".name");
                keys.add(PREFIX + id(logger) + ".level");
            }
        }
        return List.copyOf(keys);
    }

    /** The logger id Karaf's {@code log:set} uses: dots to underscores, so ids never nest. */
    static String id(String logger) {
        return logger.replace('.', '_').toLowerCase(java.util.Locale.ROOT);
    }

    private static int rank(String level) {
        return switch (level.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "ALL", "TRACE" -> 5;
            case "DEBUG" -> 4;
            case "INFO" -> 3;
            case "WARN" -> 2;
            case "ERROR" -> 1;
            default -> 0;
        };
    }

    private static Dictionary<String, Object> copy(Dictionary<String, Object> current) {
        Hashtable<String, Object> out = new Hashtable<>();
        if (current != null) {
            for (java.util.Enumeration<String> keys = current.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                out.put(key, current.get(key));
            }
        }
        return out;
    }
}
