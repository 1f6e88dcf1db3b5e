package dev.hotpatch.core.patch;

import java.nio.file.Path;

/** A written patch archive: where it is, its SHA-256 (hex) and its size in bytes. */
public record PatchArchive(Path file, String sha256, long size) {
    /** The first 12 hex digits of the hash, used in coordinates and status lines. */
    public String shortHash() {
        return sha256.substring(0, 12);
    }
}
