package dev.hotpatch.core.diff;

import dev.hotpatch.format.ChangeKind;

import dev.hotpatch.core.archive.EntryPath;
import java.util.Objects;

/**
 * One changed entry. Hashes are lower-case hex SHA-256 of the uncompressed content; the old side
 * is {@code null} for {@link ChangeKind#ADDED}, the new side for {@link ChangeKind#REMOVED}.
 *
 * @param nestedEntries for an archive added or removed whole, the number of entries in it; else -1
 */
public record Change(EntryPath path, ChangeKind kind, String oldSha256, String newSha256, long oldSize,
        long newSize, int nestedEntries) implements Comparable<Change> {

    public Change {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if ((kind == ChangeKind.ADDED) != (oldSha256 == null) || (kind == ChangeKind.REMOVED) != (newSha256 == null)) {
            throw new IllegalArgumentException("hashes do not fit " + kind + " of " + path);
        }
    }

    public static Change added(EntryPath path, String sha256, long size, int nestedEntries) {
        return new Change(path, ChangeKind.ADDED, null, sha256, -1, size, nestedEntries);
    }

    public static Change removed(EntryPath path, String sha256, long size, int nestedEntries) {
        return new Change(path, ChangeKind.REMOVED, sha256, null, size, -1, nestedEntries);
    }

    public static Change modified(EntryPath path, String oldSha256, long oldSize, String newSha256, long newSize) {
        return new Change(path, ChangeKind.MODIFIED, oldSha256, newSha256, oldSize, newSize, -1);
    }

    /** True for an archive that was added or removed as a whole. */
    public boolean isWholeArchive() {
        return nestedEntries >= 0;
    }

    /** True when the patch must carry the new content. */
    public boolean carriesContent() {
        return kind != ChangeKind.REMOVED;
    }

    @Override
    public int compareTo(Change other) {
        return path.compareTo(other.path);
    }
}
