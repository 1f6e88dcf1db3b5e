package dev.hotpatch.core.diff;

import dev.hotpatch.core.archive.EntryPath;

/** A difference that an {@link IgnoreRule} left out of the patch; always listed in the report. */
public record IgnoredEntry(EntryPath path, ChangeKind kind, String rule) implements Comparable<IgnoredEntry> {
    @Override
    public int compareTo(IgnoredEntry other) {
        return path.compareTo(other.path);
    }
}
