package io.flexgate.shell.anyconnect;

import io.flexgate.api.anyconnect.AnyConnectProfiles.Problem;
import io.flexgate.api.anyconnect.AnyConnectProfiles.ProfileStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code crypto:anyconnect-profile-list} shows: one row per configured profile, and below the table
 * one line per problem or warning, each naming line and column.
 */
public final class ProfileTable {

    /** The table's columns, in order. */
    public static final List<String> COLUMNS = List.of("Name", "Status", "Size", "SHA-1", "Hosts", "File");

    /** What the commands print when no bundle provides the profiles. */
    public static final String NOT_PRESENT = "No AnyConnect profiles service: the eap-anyconnect bundle is not installed";

    private ProfileTable() {
    }

    /** One row per profile, cells in {@link #COLUMNS} order. */
    public static List<List<String>> rows(List<ProfileStatus> profiles) {
        List<List<String>> rows = new ArrayList<>();
        for (ProfileStatus p : profiles) {
            if (p instanceof ProfileStatus.Loaded l) {
                String status = l.warnings().isEmpty() ? "valid"
                        : "valid, " + l.warnings().size() + (l.warnings().size() == 1 ? " warning" : " warnings");
                rows.add(List.of(l.name(), status, Long.toString(l.size()), l.sha1Hex(), String.join(", ", l.hosts()),
                        l.file().toString()));
            } else if (p instanceof ProfileStatus.Invalid i) {
                rows.add(List.of(i.name(), "INVALID (" + i.problems().size() + ")", "-", "-", "-", i.file().toString()));
            }
        }
        return rows;
    }

    /** {@code acvpn: error: line 2, column 1: ...} and {@code acvpn: warning: ...} lines. */
    public static List<String> notes(List<ProfileStatus> profiles) {
        List<String> notes = new ArrayList<>();
        for (ProfileStatus p : profiles) {
            List<Problem> problems = p instanceof ProfileStatus.Invalid i ? i.problems()
                    : ((ProfileStatus.Loaded) p).warnings();
            String kind = p instanceof ProfileStatus.Invalid ? "error" : "warning";
            problems.forEach(problem -> notes.add(p.name() + ": " + kind + ": " + problem));
        }
        return notes;
    }
}
