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
 * @param libraries    jars renamed because their version changed, compared entry by entry; changes
 *                     inside them are under the deployed jar's path
 */
public record ChangeSet(List<Change> changes, List<IgnoredEntry> ignored, String baselineRoot, String targetRoot,
        int comparedClasses, List<LibraryPair> libraries) {

    public ChangeSet(List<Change> changes, List<IgnoredEntry> ignored, String baselineRoot, String targetRoot) {
        this(changes, ignored, baselineRoot, targetRoot, 0, List.of());
    }

    public ChangeSet {
        changes = List.copyOf(changes);
        ignored = List.copyOf(ignored);
        libraries = List.copyOf(libraries);
    }

    /** The renamed library {@code path} lies inside, if any. */
    public java.util.Optional<LibraryPair> libraryOf(dev.hotpatch.core.archive.EntryPath path) {
        for (LibraryPair l : libraries) {
            if (l.contains(path)) {
                return java.util.Optional.of(l);
            }
        }
        return java.util.Optional.empty();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(ChangeKind kind) {
        long n = 0;
        for (Change c : changes) {
            if (c.kind() == kind) {
                n++;
            }
        }
        return n;
    }
}
