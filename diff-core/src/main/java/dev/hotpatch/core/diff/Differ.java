package dev.hotpatch.core.diff;

import dev.hotpatch.format.ChangeKind;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.format.Sha256;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveEntry;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.ByteRange;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.archive.RelocatedArchive;
import dev.hotpatch.core.archive.SubtreeArchive;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks two archives side by side, in sorted order, and reports what changed. Entries are compared
 * as cheaply as their metadata allows: a different size or CRC is a change; zip entries whose
 * central directories agree on CRC-32, both sizes and the compression method are no change, and
 * are not read at all (a nested jar that did not change is skipped whole); only what is still
 * undecided is read. Archives nested in both sides are descended when their bytes differ; an
 * archive on one side only is one change. The bytes of every changed entry go to the
 * {@link ContentStore} for the later stages.
 */
public final class Differ {
    private final ArchiveReader reader;
    private final IgnoreRules rules;
    private final ContentStore store;
    private final SameEntries same;
    private final DiffProgress progress;

    /** @param store where the content of changed entries goes */
    public Differ(ArchiveReader reader, IgnoreRules rules, ContentStore store) {
        this(reader, rules, store, new SameEntries());
    }

    /**
     * @param store where the content of changed entries goes
     * @param same  top-level entry pairs already known to be equal; pairs found equal are added
     */
    public Differ(ArchiveReader reader, IgnoreRules rules, ContentStore store, SameEntries same) {
        this(reader, rules, store, same, DiffProgress.NONE);
    }

    /**
     * @param store    where the content of changed entries goes
     * @param same     top-level entry pairs already known to be equal; pairs found equal are added
     * @param progress told of every entry read, to report how far a long diff has got
     */
    public Differ(ArchiveReader reader, IgnoreRules rules, ContentStore store, SameEntries same,
            DiffProgress progress) {
        this.reader = reader;
        this.rules = rules;
        this.store = java.util.Objects.requireNonNull(store, "store");
        this.same = java.util.Objects.requireNonNull(same, "same");
        this.progress = java.util.Objects.requireNonNull(progress, "progress");
    }

    /**
     * Compares two artifacts. When each has a single top folder and their names differ
     * ({@code app-1.0/} and {@code app-1.1/}), the folders are paired and taken off the paths.
     */
    public ChangeSet diff(Archive baseline, Archive target) {
        Optional<String> rootA = SubtreeArchive.singleTopFolder(baseline);
        Optional<String> rootB = SubtreeArchive.singleTopFolder(target);
        progress.start(baseline, target);
        if (rootA.isPresent() && rootB.isPresent() && !rootA.equals(rootB)) {
            Walk walk = new Walk();
            walk.archives(new SubtreeArchive(baseline, rootA.get()), new SubtreeArchive(target, rootB.get()));
            return walk.result(rootA.get(), rootB.get());
        }
        return diffExact(baseline, target);
    }

    /** Compares two archives path for path, without pairing top folders. */
    public ChangeSet diffExact(Archive baseline, Archive target) {
        Walk walk = new Walk();
        walk.archives(baseline, target);
        return walk.result("", "");
    }

    /** How far metadata alone decides whether two entries hold the same bytes. */
    enum Sameness { SAME, DIFFERENT, UNKNOWN }

    /**
     * Decides from metadata where it can, reading bytes only where it must. Two zip entries whose
     * central directory records agree on CRC-32, uncompressed and compressed size and compression
     * method hold the same bytes as far as the zip format can tell, so they are not read: this is
     * what lets a fat jar's unchanged libraries cost nothing but their directory records. Entries
     * without that evidence (tar entries, files of a directory, an unknown CRC) are compared byte
     * for byte where they lie uncompressed; the rest is left to the caller to read.
     */
    static Sameness compareCheaply(ArchiveEntry a, ArchiveEntry b) throws IOException {
        if (a.size() >= 0 && b.size() >= 0 && a.size() != b.size()) {
            return Sameness.DIFFERENT;
        }
        if (a.crc() >= 0 && b.crc() >= 0 && a.crc() != b.crc()) {
            return Sameness.DIFFERENT;
        }
        Optional<ArchiveEntry.RawData> ra = a.raw();
        Optional<ArchiveEntry.RawData> rb = b.raw();
        if (ra.isPresent() && rb.isPresent() && ra.get().method() == rb.get().method()
                && ra.get().compressed().length() == rb.get().compressed().length()) {
            if (a.crc() >= 0 && b.crc() >= 0 && a.size() >= 0 && b.size() >= 0) {
                return Sameness.SAME; // the same CRC-32 and sizes (checked above) and method
            }
            if (ra.get().compressed().contentEquals(rb.get().compressed())) {
                return Sameness.SAME;
            }
        }
        Optional<ByteRange> ba = a.bytes();
        Optional<ByteRange> bb = b.bytes();
        if (ba.isPresent() && bb.isPresent()) {
            return ba.get().contentEquals(bb.get()) ? Sameness.SAME : Sameness.DIFFERENT;
        }
        return Sameness.UNKNOWN;
    }

    private final class Walk {
        private final List<Change> changes = new ArrayList<>();
        private final List<IgnoredEntry> ignored = new ArrayList<>();
        private final List<LibraryPair> libraries = new ArrayList<>();
        private int comparedClasses;

        ChangeSet result(String rootA, String rootB) {
            Collections.sort(changes);
            Collections.sort(ignored);
            Collections.sort(libraries);
            return new ChangeSet(changes, ignored, rootA, rootB, comparedClasses, libraries);
        }

        void archives(Archive a, Archive b) {
            List<ArchiveEntry> left = a.entries();
            List<ArchiveEntry> right = b.entries();
            List<LibraryMatcher.Match> renamed = renamedLibraries(a, b);
            Set<String> pairedLeft = new HashSet<>();
            Set<String> pairedRight = new HashSet<>();
            for (LibraryMatcher.Match m : renamed) {
                pairedLeft.add(m.deployed().name());
                pairedRight.add(m.branch().name());
            }
            int i = 0;
            int j = 0;
            while (i < left.size() || j < right.size()) {
                int c = i == left.size() ? 1 : j == right.size() ? -1 : left.get(i).name().compareTo(right.get(j).name());
                if (c < 0) {
                    ArchiveEntry e = left.get(i++);
                    if (!pairedLeft.contains(e.name())) {
                        removed(a, e);
                    }
                    progress.baselineRead(a, e);
                } else if (c > 0) {
                    ArchiveEntry e = right.get(j++);
                    if (!pairedRight.contains(e.name())) {
                        added(b, e);
                    }
                    progress.targetRead(b, e);
                } else {
                    ArchiveEntry ea = left.get(i++);
                    ArchiveEntry eb = right.get(j++);
                    both(a, ea, b, eb);
                    progress.baselineRead(a, ea);
                    progress.targetRead(b, eb);
                }
            }
            for (LibraryMatcher.Match m : renamed) {
                library(a, b, m);
            }
        }

        /** Jars only one side has that are the same library in another version (see {@link LibraryPair}). */
        private List<LibraryMatcher.Match> renamedLibraries(Archive a, Archive b) {
            List<ArchiveEntry> onlyLeft = new ArrayList<>();
            List<ArchiveEntry> onlyRight = new ArrayList<>();
            List<ArchiveEntry> left = a.entries();
            List<ArchiveEntry> right = b.entries();
            int i = 0;
            int j = 0;
            while (i < left.size() || j < right.size()) {
                int c = i == left.size() ? 1 : j == right.size() ? -1 : left.get(i).name().compareTo(right.get(j).name());
                if (c < 0) {
                    onlyLeft.add(left.get(i++));
                } else if (c > 0) {
                    onlyRight.add(right.get(j++));
                } else {
                    i++;
                    j++;
                }
            }
            // an ignored jar stays as the rules say
            removeIgnored(onlyLeft, a);
            removeIgnored(onlyRight, b);
            return new LibraryMatcher(reader).match(a, onlyLeft, b, onlyRight);
        }

        private void removeIgnored(List<ArchiveEntry> entries, Archive in) {
            for (Iterator<ArchiveEntry> it = entries.iterator(); it.hasNext(); ) {
                if (rules.pathRule(pathOf(in, it.next())).isPresent()) {
                    it.remove();
                }
            }
        }

        /** Compares a renamed library with its deployed version, naming changes by the deployed jar. */
        private void library(Archive a, Archive b, LibraryMatcher.Match m) {
            try (Archive deployed = reader.openNested(a, m.deployed()).orElseThrow();
                    Archive branch = reader.openNested(b, m.branch()).orElseThrow()) {
                archives(deployed, new RelocatedArchive(branch, deployed.path()));
            }
            libraries.add(m.pair());
        }

        private void removed(Archive a, ArchiveEntry e) {
            EntryPath path = pathOf(a, e);
            Optional<String> rule = rules.pathRule(path);
            if (rule.isPresent()) {
                ignored.add(new IgnoredEntry(path, ChangeKind.REMOVED, rule.get()));
                return;
            }
            int nested = nestedEntryCount(a, e);
            Sha256.Digest d = read(a, e, false);
            changes.add(Change.removed(path, d.hex(), d.size(), nested));
        }

        private void added(Archive b, ArchiveEntry e) {
            EntryPath path = pathOf(b, e);
            Optional<String> rule = rules.pathRule(path);
            if (rule.isPresent()) {
                ignored.add(new IgnoredEntry(path, ChangeKind.ADDED, rule.get()));
                return;
            }
            int nested = nestedEntryCount(b, e);
            Sha256.Digest d = read(b, e, true);
            changes.add(Change.added(path, d.hex(), d.size(), nested));
        }

        private void both(Archive a, ArchiveEntry ea, Archive b, ArchiveEntry eb) {
            EntryPath path = pathOf(a, ea);
            if (ea.name().endsWith(".class")) {
                comparedClasses++;
            }
            boolean topLevel = a.path().isRoot();
            if (topLevel && same.contains(ea, eb)) {
                return;
            }
            Sameness cheap;
            try {
                cheap = compareCheaply(ea, eb);
            } catch (IOException e) {
                throw unreadable(b.locationOf(eb.name()), e);
            }
            if (cheap == Sameness.SAME) {
                if (topLevel) {
                    same.add(ea, eb);
                }
                return;
            }
            Optional<String> rule = rules.pathRule(path);
            if (rule.isPresent()) {
                if (cheap == Sameness.DIFFERENT || !sameContent(a, ea, b, eb)) {
                    ignored.add(new IgnoredEntry(path, ChangeKind.MODIFIED, rule.get()));
                }
                return;
            }
            Optional<Archive> na = reader.openNested(a, ea);
            if (na.isPresent()) {
                try (Archive nestedA = na.get()) {
                    Optional<Archive> nb = reader.openNested(b, eb);
                    if (nb.isPresent()) {
                        try (Archive nestedB = nb.get()) {
                            progress.enter(nestedB);
                            try {
                                archives(nestedA, nestedB);
                            } finally {
                                progress.leave();
                            }
                        }
                        return;
                    }
                }
            }
            Sha256.Digest before = read(a, ea, true);
            Sha256.Digest after = read(b, eb, true);
            if (before.hex().equals(after.hex())) {
                return; // same bytes, stored differently
            }
            if (IgnoreRules.isManifest(path)) {
                try {
                    Optional<String> manifestRule = rules.manifestRule(store.read(before.hex()), store.read(after.hex()));
                    if (manifestRule.isPresent()) {
                        ignored.add(new IgnoredEntry(path, ChangeKind.MODIFIED, manifestRule.get(), before.hex(),
                                after.hex()));
                        return;
                    }
                } catch (IOException e) {
                    throw unreadable(b.locationOf(eb.name()), e);
                }
            }
            changes.add(Change.modified(path, before.hex(), before.size(), after.hex(), after.size()));
        }

        private boolean sameContent(Archive a, ArchiveEntry ea, Archive b, ArchiveEntry eb) {
            return read(a, ea, false).hex().equals(read(b, eb, false).hex());
        }

        private int nestedEntryCount(Archive parent, ArchiveEntry e) {
            Optional<Archive> nested = reader.openNested(parent, e);
            if (nested.isEmpty()) {
                return -1;
            }
            try (Archive archive = nested.get()) {
                return archive.entries().size();
            }
        }

        /** Hashes an entry's content, keeping a copy in the store when asked to. */
        private Sha256.Digest read(Archive archive, ArchiveEntry e, boolean keep) {
            try {
                InputStream in = e.openStream();
                return keep ? store.put(in) : Sha256.of(in);
            } catch (IOException ex) {
                throw unreadable(archive.locationOf(e.name()), ex);
            }
        }
    }

    /**
     * The entry's path. A name holding {@code !/} would be read back from the patch manifest as a
     * deeper path, so the patch could not say which entry it means.
     */
    private static EntryPath pathOf(Archive archive, ArchiveEntry e) {
        if (e.name().contains(EntryPath.SEPARATOR)) {
            throw new HotpatchException(ReasonCode.INVALID_ENTRY_NAME, archive.locationOf(e.name()),
                    "The entry name contains '" + EntryPath.SEPARATOR + "', which hotpatch writes between nesting"
                            + " levels, so a patch could not address it. Rebuild the artifact without it.");
        }
        return archive.path().child(e.name());
    }

    private static HotpatchException unreadable(String location, IOException e) {
        return new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location,
                "Cannot read the entry: " + e.getMessage() + ". The archive is damaged or truncated.", e);
    }
}
