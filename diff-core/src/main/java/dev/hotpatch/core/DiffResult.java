package dev.hotpatch.core;

import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.patch.PatchArchive;
import dev.hotpatch.core.report.HtmlReport;
import dev.hotpatch.core.report.Report;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run produced: the report's data and the files written.
 *
 * @param restartFailure the failure to raise because the patch needs a restart and the request
 *                       says to fail then; empty otherwise
 */
public record DiffResult(Report report, Path reportFile, Path summaryFile, Optional<HotpatchException> restartFailure) {
    public ChangeSet changes() {
        return report.changes();
    }

    /** {@code report.html}, written next to {@code report.json}. */
    public Path htmlReportFile() {
        return reportFile.resolveSibling(HtmlReport.NAME);
    }

    /** The patch archive, empty when the builds have no differences. */
    public Optional<PatchArchive> patch() {
        return report.patch();
    }
}
