package dev.hotpatch.core.diff;

import dev.hotpatch.core.archive.ArchiveEntry;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Pairs of top-level entries a {@link Differ} has found to hold the same bytes, remembered by
 * identity. The self-check walks the same open baseline and target again, with the patch laid
 * over the baseline; an entry the patch does not touch is then the very same object, and the
 * proof that it equals its target counterpart need not be read again (for a fat jar, that is
 * every unchanged nested library). Entries the patch touches are new objects and always compared.
 * Only top-level entries are kept: nested archives are opened afresh on each walk.
 */
public final class SameEntries {
    private final Map<ArchiveEntry, ArchiveEntry> pairs = new IdentityHashMap<>();

    void add(ArchiveEntry baseline, ArchiveEntry target) {
        pairs.put(baseline, target);
    }

    boolean contains(ArchiveEntry baseline, ArchiveEntry target) {
        return pairs.get(baseline) == target;
    }
}
