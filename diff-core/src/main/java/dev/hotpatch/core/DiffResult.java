package dev.hotpatch.core;

import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.patch.PatchArchive;
import dev.hotpatch.core.report.Report;
import java.nio.file.Path;
import java.util.Optional;

/** What a run produced: the report's data and the files written. */
public record DiffResult(Report report, Path reportFile, Path summaryFile) {
    public ChangeSet changes() {
        return report.changes();
    }

    /** The patch archive, empty when the builds have no differences. */
    public Optional<PatchArchive> patch() {
        return report.patch();
    }
}
