package dev.hotpatch.core.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entries of an archive below one top folder, with that folder taken off their names; used to
 * pair {@code app-1.0/} in one distribution with {@code app-1.1/} in the other.
 */
public final class SubtreeArchive implements Archive {
    private final Archive inner;
    private final String folder;
    private final List<ArchiveEntry> entries;

    /** @param folder the top folder with its trailing slash, e.g. {@code app-1.0/} */
    public SubtreeArchive(Archive inner, String folder) {
        if (!folder.endsWith("/")) {
            throw new IllegalArgumentException("folder must end with /: " + folder);
        }
        this.inner = inner;
        this.folder = folder;
        List<ArchiveEntry> inside = new ArrayList<>();
        for (ArchiveEntry e : inner.entries()) {
            if (e.name().startsWith(folder) && e.name().length() > folder.length()) {
                inside.add(new RenamedEntry(e, e.name().substring(folder.length())));
            }
        }
        this.entries = List.copyOf(inside);
    }

    /** The single top folder (with trailing slash) all entries share, or empty. */
    public static Optional<String> singleTopFolder(Archive archive) {
        List<ArchiveEntry> all = archive.entries();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        String first = all.get(0).name();
        int slash = first.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String top = first.substring(0, slash + 1);
        for (ArchiveEntry e : all) {
            if (!e.name().startsWith(top)) {
                return Optional.empty();
            }
        }
        return Optional.of(top);
    }

    public String folder() {
        return folder;
    }

    @Override
    public String location() {
        return inner.locationOf(folder);
    }

    @Override
    public String locationOf(String entryName) {
        return inner.locationOf(folder + entryName);
    }

    @Override
    public EntryPath path() {
        return inner.path();
    }

    @Override
    public ArchiveFormat format() {
        return inner.format();
    }

    @Override
    public List<ArchiveEntry> entries() {
        return entries;
    }

    @Override
    public void close() {
        inner.close();
    }
}
