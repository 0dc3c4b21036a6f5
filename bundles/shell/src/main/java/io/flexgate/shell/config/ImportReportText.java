package io.flexgate.shell.config;

import io.flexgate.api.config.IosConfiguration.Change;
import io.flexgate.api.config.IosConfiguration.ImportReport;
import io.flexgate.api.config.IosConfiguration.Rejected;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The lines {@code flexgate:import-ios} prints for a report, apart from the console so they can be tested. */
final class ImportReportText {

    private ImportReportText() {
    }

    static List<String> lines(ImportReport report, boolean dryRun) {
        List<String> out = new ArrayList<>();
        for (Rejected r : report.rejected()) {
            out.add("% line " + r.line() + (r.command().isEmpty() ? "" : " (" + r.command() + ")") + ": " + r.reason());
        }
        for (Change c : report.changes()) {
            String attributes = c.properties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            out.add(String.format("%-9s %s%s", c.action(), c.target(), attributes.isEmpty() ? "" : "  " + attributes));
        }
        report.notes().forEach(n -> out.add("Note: " + n));
        long changed = report.changes().stream().filter(c -> c.action() != io.flexgate.api.config.IosConfiguration
                .Action.UNCHANGED).count();
        if (dryRun) {
            out.add("Dry run: " + changed + " change(s) would be applied, " + report.rejected().size()
                    + " line(s) rejected");
        } else if (report.applied()) {
            out.add(changed + " change(s) applied" + (report.rejected().isEmpty() ? ""
                    : ", " + report.rejected().size() + " rejected line(s) left out (--partial)"));
        } else {
            out.add("Nothing applied: " + report.rejected().size() + " line(s) rejected; fix them or give --partial");
        }
        return out;
    }
}
