package dev.hotpatch.core.classfile;

import dev.hotpatch.core.archive.EntryPath;
import java.util.List;

/** The verdict on one changed entry and the findings behind it. */
public record ChangeVerdict(EntryPath path, Verdict verdict, List<Finding> findings) {
    public ChangeVerdict {
        findings = List.copyOf(findings);
    }

    static ChangeVerdict of(EntryPath path, List<Finding> findings) {
        boolean restart = findings.stream().anyMatch(f -> f.severity() == SwapReason.Severity.RESTART);
        return new ChangeVerdict(path, restart ? Verdict.RESTART_REQUIRED : Verdict.HOT_SWAPPABLE, findings);
    }
}
