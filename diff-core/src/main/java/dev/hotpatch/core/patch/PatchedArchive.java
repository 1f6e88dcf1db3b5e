package dev.hotpatch.core.patch;

import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveEntry;
import dev.hotpatch.core.archive.ArchiveFormat;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.archive.RenamedEntry;
import dev.hotpatch.format.ChangeKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The baseline with a patch applied, as an {@link Archive} that is never written out: removed
 * entries are gone, added and modified ones read from the patch, and a nested archive with
 * changes inside is itself a {@code PatchedArchive}. Applying a patch this way streams: nothing
 * is unpacked.
 */
public final class PatchedArchive implements Archive {
    private final Archive base;
    private final PatchFile patch;
    private final ArchiveReader reader;
    private final List<ArchiveEntry> entries;

    public PatchedArchive(Archive base, PatchFile patch, ArchiveReader reader) {
        this.base = base;
        this.patch = patch;
        this.reader = reader;
        this.entries = overlay();
    }

    private List<ArchiveEntry> overlay() {
        EntryPath here = base.path();
        Map<String, PatchManifest.Entry> direct = new HashMap<>();
        Set<String> changedInside = new HashSet<>();
        for (PatchManifest.Entry e : patch.manifest().changes()) {
            EntryPath path = EntryPath.parse(e.path());
            if (path.parent().equals(here)) {
                direct.put(path.name(), e);
            } else if (path.startsWith(here) && path.depth() > here.depth() + 1) {
                changedInside.add(path.segments().get(here.depth()));
            }
        }
        List<ArchiveEntry> result = new ArrayList<>();
        for (ArchiveEntry e : base.entries()) {
            PatchManifest.Entry change = direct.remove(e.name());
            if (change != null) {
                if (change.kind() == ChangeKind.ADDED) {
                    throw doesNotFit(EntryPath.parse(change.path()), "adds an entry the baseline already has");
                }
                if (change.kind() == ChangeKind.MODIFIED) {
                    result.add(new RenamedEntry(patch.content(EntryPath.parse(change.path())), e.name()));
                }
            } else if (changedInside.remove(e.name())) {
                result.add(new Patched(e));
            } else {
                result.add(e);
            }
        }
        for (PatchManifest.Entry change : direct.values()) {
            EntryPath path = EntryPath.parse(change.path());
            if (change.kind() != ChangeKind.ADDED) {
                throw doesNotFit(path, "changes an entry the baseline does not have");
            }
            result.add(new RenamedEntry(patch.content(path), path.name()));
        }
        if (!changedInside.isEmpty()) {
            throw doesNotFit(here.child(changedInside.iterator().next()), "changes an archive the baseline does not have");
        }
        result.sort(ArchiveEntry.BY_NAME);
        return List.copyOf(result);
    }

    private HotpatchException doesNotFit(EntryPath path, String why) {
        return new HotpatchException(ReasonCode.INVALID_PATCH, patch.location() + " -> " + base.locationOf(path.name()),
                "The patch " + why + " (" + path + "); it was made for a different baseline.");
    }

    @Override
    public String location() {
        return base.location();
    }

    @Override
    public String locationOf(String entryName) {
        return base.locationOf(entryName);
    }

    @Override
    public EntryPath path() {
        return base.path();
    }

    @Override
    public ArchiveFormat format() {
        return ArchiveFormat.PATCHED;
    }

    @Override
    public List<ArchiveEntry> entries() {
        return entries;
    }

    /** Closes the nested baseline archives this overlay opened; the root baseline stays with its owner. */
    @Override
    public void close() {
        if (!base.path().isRoot()) {
            base.close();
        }
    }

    /** A nested archive of the baseline with changes inside: it exists only as an overlay. */
    private final class Patched implements ArchiveEntry {
        private final ArchiveEntry original;

        Patched(ArchiveEntry original) {
            this.original = original;
        }

        @Override
        public String name() {
            return original.name();
        }

        @Override
        public long size() {
            return -1;
        }

        @Override
        public long crc() {
            return -1;
        }

        @Override
        public InputStream openStream() throws IOException {
            throw new IOException("a patched nested archive exists only as an overlay: "
                    + base.locationOf(original.name()));
        }

        @Override
        public Optional<Archive> logicalArchive() {
            Optional<Archive> nested = reader.openNested(base, original);
            if (nested.isEmpty()) {
                throw doesNotFit(base.path().child(original.name()), "changes entries inside a file that is not an archive");
            }
            return Optional.of(new PatchedArchive(nested.get(), patch, reader));
        }
    }
}
