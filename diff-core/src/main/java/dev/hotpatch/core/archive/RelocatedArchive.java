package dev.hotpatch.core.archive;

import java.util.List;

/**
 * An archive shown at another path: a renamed library of the branch build compared in the place of
 * the deployed library it replaces, so that changes inside it name the jar the running JVM loaded.
 * Locations in messages stay the real ones.
 */
public final class RelocatedArchive implements Archive {
    private final Archive inner;
    private final EntryPath path;

    public RelocatedArchive(Archive inner, EntryPath path) {
        this.inner = inner;
        this.path = path;
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public String locationOf(String entryName) {
        return inner.locationOf(entryName);
    }

    @Override
    public EntryPath path() {
        return path;
    }

    @Override
    public ArchiveFormat format() {
        return inner.format();
    }

    @Override
    public List<ArchiveEntry> entries() {
        return inner.entries();
    }

    @Override
    public void close() {
        inner.close();
    }
}
