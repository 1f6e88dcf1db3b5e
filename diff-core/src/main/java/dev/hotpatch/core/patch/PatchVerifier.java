package dev.hotpatch.core.patch;

import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.SubtreeArchive;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.diff.Differ;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.diff.SameEntries;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The self-check: reads a written patch back from disk, lays it over the baseline and proves, with
 * the same walk the {@link Differ} does, that the result equals the target (ignored entries
 * aside). Fails with {@link ReasonCode#SELF_CHECK_FAILED} otherwise.
 */
public final class PatchVerifier {
    private final ArchiveReader reader;
    private final IgnoreRules rules;
    private final SameEntries same;

    public PatchVerifier(ArchiveReader reader, IgnoreRules rules) {
        this(reader, rules, new SameEntries());
    }

    /** @param same what the diff of these same open archives found equal; not compared again */
    public PatchVerifier(ArchiveReader reader, IgnoreRules rules, SameEntries same) {
        this.reader = reader;
        this.rules = rules;
        this.same = same;
    }

    public void verify(Archive baseline, Path patchFile, Archive target) {
        try (PatchFile patch = PatchFile.open(reader, patchFile); ContentStore scratch = ContentStore.createTemporary()) {
            try {
                patch.checkContentHashes();
            } catch (HotpatchException e) {
                throw failed(patchFile, e.getMessage(), e);
            }
            PatchManifest m = patch.manifest();
            Archive from = m.baselineRoot().isEmpty() ? baseline : new SubtreeArchive(baseline, m.baselineRoot());
            Archive to = m.targetRoot().isEmpty() ? target : new SubtreeArchive(target, m.targetRoot());
            ChangeSet left;
            try {
                left = new Differ(reader, rules, scratch, same).diffExact(new PatchedArchive(from, patch, reader), to);
            } catch (HotpatchException e) {
                if (e.reason() == ReasonCode.INVALID_PATCH) {
                    throw failed(patchFile, e.getMessage(), e);
                }
                throw e;
            }
            if (!left.isEmpty()) {
                String sample = left.changes().stream().limit(10)
                        .map(c -> c.kind() + " " + c.path()).collect(Collectors.joining(", "));
                throw failed(patchFile, left.changes().size() + " difference(s) remain after applying the patch: "
                        + sample, null);
            }
        }
    }

    private static HotpatchException failed(Path patchFile, String detail, Throwable cause) {
        return new HotpatchException(ReasonCode.SELF_CHECK_FAILED, patchFile.toString(),
                "Applying the patch to the baseline does not give the target, so it was not accepted: " + detail
                        + ". This is a bug in hotpatch or the patch was altered; please report it with both builds.",
                cause);
    }
}
