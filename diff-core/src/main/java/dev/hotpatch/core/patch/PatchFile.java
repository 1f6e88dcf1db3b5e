package dev.hotpatch.core.patch;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.format.Sha256;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveEntry;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.format.PatchManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An opened patch archive: its manifest and the entries holding new content. Opening checks the
 * structure (a manifest, one content entry per added or modified path, nothing else);
 * {@link #checkContentHashes()} checks every content entry against its manifest hash.
 */
public final class PatchFile implements AutoCloseable {
    private final Archive archive;
    private final PatchManifest manifest;
    private final Map<EntryPath, ArchiveEntry> content = new HashMap<>();

    private PatchFile(Archive archive) {
        this.archive = archive;
        Map<String, ArchiveEntry> byName = new HashMap<>();
        for (ArchiveEntry e : archive.entries()) {
            byName.put(e.name(), e);
        }
        ArchiveEntry json = byName.remove(PatchManifest.NAME);
        if (json == null) {
            throw invalid(archive.location(), "it has no " + PatchManifest.NAME);
        }
        try (InputStream in = json.openStream()) {
            this.manifest = PatchManifest.parse(in.readAllBytes());
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(archive.locationOf(PatchManifest.NAME), "its " + PatchManifest.NAME + " cannot be read: "
                    + e.getMessage());
        }
        for (PatchManifest.Entry e : manifest.changes()) {
            if (e.contentName() != null) {
                ArchiveEntry entry = byName.remove(e.contentName());
                if (entry == null) {
                    throw invalid(archive.location(), "it lacks the content of " + e.path());
                }
                content.put(EntryPath.parse(e.path()), entry);
            }
        }
        if (!byName.isEmpty()) {
            throw invalid(archive.location(),
                    "it holds entries its manifest does not list, e.g. " + byName.keySet().iterator().next());
        }
    }

    public static PatchFile open(ArchiveReader reader, Path file) {
        Archive archive = reader.open(file);
        try {
            return new PatchFile(archive);
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    public PatchManifest manifest() {
        return manifest;
    }

    public String location() {
        return archive.location();
    }

    /** The entry holding the new content of an added or modified path. */
    public ArchiveEntry content(EntryPath path) {
        ArchiveEntry entry = content.get(path);
        if (entry == null) {
            throw new IllegalArgumentException("no content for " + path);
        }
        return entry;
    }

    /** Fails with {@link ReasonCode#INVALID_PATCH} when a content entry does not hash to its manifest value. */
    public void checkContentHashes() {
        for (PatchManifest.Entry e : manifest.changes()) {
            if (e.contentName() == null) {
                continue;
            }
            String where = archive.locationOf(e.contentName());
            try {
                String actual = Sha256.of(content(EntryPath.parse(e.path())).openStream()).hex();
                if (!actual.equals(e.newSha256())) {
                    throw new HotpatchException(ReasonCode.INVALID_PATCH, where,
                            "The patch entry's SHA-256 is " + actual + " but its manifest says " + e.newSha256()
                                    + "; the archive was altered or damaged after it was written.");
                }
            } catch (IOException ex) {
                throw new HotpatchException(ReasonCode.INVALID_PATCH, where, "Cannot read the patch entry: "
                        + ex.getMessage(), ex);
            }
        }
    }

    static HotpatchException invalid(String location, String why) {
        return new HotpatchException(ReasonCode.INVALID_PATCH, location,
                "This is not a valid hotpatch archive: " + why + ".");
    }

    @Override
    public void close() {
        archive.close();
    }
}
