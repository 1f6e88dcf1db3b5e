package dev.hotpatch.core.diff;

import dev.hotpatch.format.ChangeKind;

import java.util.List;

/**
 * What the differ found: the changes (sorted by path), the differences that rules ignored, and
 * the top folders that were paired when each side had a single, differently named one.
 *
 * @param baselineRoot the baseline's top folder (e.g. {@code app-1.0/}) when roots were paired, else ""
 * @param targetRoot   the target's top folder when roots were paired, else ""
 * @param comparedClasses how many class files were present on both sides in the archives that were
 *                        compared entry by entry (archives with identical bytes are not opened)
 */
public record ChangeSet(List<Change> changes, List<IgnoredEntry> ignored, String baselineRoot, String targetRoot,
        int comparedClasses) {

    public ChangeSet(List<Change> changes, List<IgnoredEntry> ignored, String baselineRoot, String targetRoot) {
        this(changes, ignored, baselineRoot, targetRoot, 0);
    }

    public ChangeSet {
        changes = List.copyOf(changes);
        ignored = List.copyOf(ignored);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }
}
