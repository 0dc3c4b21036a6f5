package io.flexgate.shell.debug;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The IOS {@code debug} switches as log levels of FlexGate's loggers, kept in pax-logging's configuration
 * {@code org.ops4j.pax.logging} in the form Karaf's {@code log:set} writes ({@code log4j2.logger.ID.name} and
 * {@code .level}), so {@code log:get} shows them and a restart keeps them, as IOS keeps nothing: undebug.
 */
final class DebugLevels {

    static final String PAX_LOGGING_PID = "org.ops4j.pax.logging";
    private static final String PREFIX = "log4j2.logger.";

    /** {@code debug crypto ikev2}: state changes, payload detail. */
    static final Map<String, String> IKEV2 = Map.of("io.flexgate.ikev2", "DEBUG");
    /**
     * {@code debug crypto ikev2 packet}: the engine, codec and transport at TRACE. The per-message lines
     * ({@code (SESSION ID = 1,SA ID = 1):Received IKE_AUTH request 1 [ IDi CERTREQ CPRQ SA TSi TSr ]}) are
     * logged at INFO and show regardless; this raises whatever payload detail (DEBUG) and bytes (TRACE) the
     * engine logs, and keeps them on if the root level is later lowered below INFO.
     */
    static final Map<String, String> IKEV2_PACKET = Map.of("io.flexgate.ikev2", "DEBUG",
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
        for (Map<String, String> levels : ALL) {
            for (String logger : levels.keySet()) {
                out.remove(PREFIX + id(logger) + ".name");
                out.remove(PREFIX + id(logger) + ".level");
            }
        }
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

    /** Reads, changes and writes the pax-logging configuration; returns the loggers now at a debug level. */
    static Map<String, String> update(ConfigurationAdmin configAdmin,
            java.util.function.UnaryOperator<Dictionary<String, Object>> change) throws IOException {
        if (configAdmin == null) {
            throw new IllegalStateException("ConfigurationAdmin is not available: log levels cannot be set");
        }
        Configuration config = configAdmin.getConfiguration(PAX_LOGGING_PID, null);
        Dictionary<String, Object> changed = change.apply(config.getProperties());
        config.update(changed);
        return active(changed);
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
