package io.flexgate.shell.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexgate.api.config.IosConfiguration.Action;
import io.flexgate.api.config.IosConfiguration.Change;
import io.flexgate.api.config.IosConfiguration.ImportReport;
import io.flexgate.api.config.IosConfiguration.Rejected;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ImportReportTextTest {

    private static final Change POOL = new Change("io.flexgate.pool~ACP00L", Action.CREATE,
            new TreeMap<>(Map.of("pool.name", "ACP00L", "ranges", "192.168.10.5 192.168.10.10")));
    private static final Change USER = new Change("username test", Action.USER, new TreeMap<>());
    private static final Change TS = new Change("io.flexgate.ipsec.transformset~TS", Action.UNCHANGED, new TreeMap<>());

    @Test
    void dryRunListsRejectedLinesChangesAndCounts() {
        ImportReport report = new ImportReport(List.of(POOL, USER, TS), List.of(new Rejected(1, "hostname vpn",
                "not a FlexVPN configuration command FlexGate supports")), List.of("a note"), false);

        assertThat(ImportReportText.lines(report, true)).containsExactly(
                "% line 1 (hostname vpn): not a FlexVPN configuration command FlexGate supports",
                "CREATE    io.flexgate.pool~ACP00L  pool.name=ACP00L ranges=192.168.10.5 192.168.10.10",
                "USER      username test",
                "UNCHANGED io.flexgate.ipsec.transformset~TS",
                "Note: a note",
                "Dry run: 2 change(s) would be applied, 1 line(s) rejected");
    }

    @Test
    void refusedImportSaysNothingWasApplied() {
        ImportReport report = new ImportReport(List.of(POOL), List.of(new Rejected(4, "", "x")), List.of(), false);

        assertThat(ImportReportText.lines(report, false)).containsExactly("% line 4: x",
                "CREATE    io.flexgate.pool~ACP00L  pool.name=ACP00L ranges=192.168.10.5 192.168.10.10",
                "Nothing applied: 1 line(s) rejected; fix them or give --partial");
    }

    @Test
    void partialImportCountsWhatWasLeftOut() {
        ImportReport report = new ImportReport(List.of(POOL), List.of(new Rejected(4, "", "x")), List.of(), true);

        assertThat(ImportReportText.lines(report, false)).last()
                .isEqualTo("1 change(s) applied, 1 rejected line(s) left out (--partial)");
    }
}
