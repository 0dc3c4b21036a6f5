package io.flexgate.api.config;

import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a FlexVPN (IOS) configuration into the ConfigAdmin configurations FlexGate runs on, and prints those
 * back as IOS text: what {@code flexgate:import-ios} and {@code flexgate:running-config} call. Thread-safe.
 *
 * <p>Every line is either translated or reported as {@link Rejected} with its line number and the reason:
 * none is dropped silently. Attributes an IOS line cannot express (a trustpoint's pinned fingerprint, a
 * profile's EAP method order) are kept when a configuration is updated.
 */
@ProviderType
public interface IosConfiguration {

    /** Parses {@code text} and compares it with the live configurations; changes nothing ({@code --dry-run}). */
    ImportReport plan(String text) throws IOException;

    /**
     * Parses and applies {@code text}.
     *
     * @param partial apply the supported lines even when some are rejected; otherwise nothing is applied
     *                while any line is rejected
     */
    ImportReport apply(String text, boolean partial) throws IOException;

    /** The live configuration as IOS text, in the order of the seed's steps. */
    String runningConfig() throws IOException;

    /**
     * What an import found and did.
     *
     * @param changes  one per configuration or user, in the order of the text
     * @param rejected the lines not translated
     * @param notes    lines translated with a caveat the operator should read
     * @param applied  whether the changes were written
     */
    record ImportReport(List<Change> changes, List<Rejected> rejected, List<String> notes, boolean applied) {
        public ImportReport {
            changes = List.copyOf(changes);
            rejected = List.copyOf(rejected);
            notes = List.copyOf(notes);
        }
    }

    /**
     * One configuration (or local user) the text defines.
     *
     * @param target     {@code io.flexgate.pool~ACP00L}, {@code username test} for a local user, or
     *                   {@code crypto pki import IKEv2-TP} for a key import
     * @param action     what the import does to it
     * @param properties the attributes the text sets, secrets shown as {@code ********}; empty for users
     */
    record Change(String target, Action action, SortedMap<String, String> properties) {
        public Change {
            properties = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(properties));
        }
    }

    /** What an import does to one target. */
    enum Action {
        CREATE, UPDATE, UNCHANGED,
        /** A local user's password is set through the local user database (hashed there). */
        USER,
        /** A key and its certificates are imported into a trustpoint ({@code crypto pki import}). */
        KEY_IMPORT
    }

    /**
     * A line that was not translated. The line itself is not repeated, as it may hold a password.
     *
     * @param line    1-based line number
     * @param command the line's first words ({@code ip http}, {@code hostname})
     * @param reason  why
     */
    record Rejected(int line, String command, String reason) {
    }
}
