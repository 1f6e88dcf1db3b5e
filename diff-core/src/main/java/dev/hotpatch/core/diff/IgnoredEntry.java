package dev.hotpatch.core.diff;

import dev.hotpatch.format.ChangeKind;

import dev.hotpatch.core.archive.EntryPath;

/**
 * A difference that an {@link IgnoreRule} left out of the patch; always listed in the report. The
 * hashes are set when both contents were kept in the content store (ignored manifests), else null.
 */
public record IgnoredEntry(EntryPath path, ChangeKind kind, String rule, String oldSha256, String newSha256)
        implements Comparable<IgnoredEntry> {

    /** An ignored difference whose content was not kept. */
    public IgnoredEntry(EntryPath path, ChangeKind kind, String rule) {
        this(path, kind, rule, null, null);
    }

    @Override
    public int compareTo(IgnoredEntry other) {
        return path.compareTo(other.path);
    }
}
