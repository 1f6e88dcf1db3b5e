package dev.hotpatch.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.Optional;

/**
 * One file inside an {@link Archive}. Directories are not entries. The metadata lets two entries be
 * compared without inflating them: different size or CRC means different content; equal raw
 * (compressed) bytes mean equal content.
 */
public interface ArchiveEntry {
    /** Orders entries by name (a class, not a lambda: it is on every run's path; see bench/README.md). */
    Comparator<ArchiveEntry> BY_NAME = new Comparator<>() {
        @Override
        public int compare(ArchiveEntry a, ArchiveEntry b) {
            return a.name().compareTo(b.name());
        }
    };

    /** The name inside its archive, {@code /}-separated, without a leading {@code ./} or {@code /}. */
    String name();

    /** Uncompressed size, or -1 when unknown. */
    long size();

    /** CRC-32 of the uncompressed bytes, or -1 when unknown. */
    long crc();

    /** The uncompressed content. */
    InputStream openStream() throws IOException;

    /** The uncompressed content as a range that can be read in place, when the entry is not compressed. */
    default Optional<ByteRange> bytes() {
        return Optional.empty();
    }

    /** The compression method and the bytes as stored, for zip entries. */
    default Optional<RawData> raw() {
        return Optional.empty();
    }

    /**
     * For entries that exist only logically (a nested archive with a patch laid over it): the
     * archive itself. Such an entry has no bytes of its own.
     */
    default Optional<Archive> logicalArchive() {
        return Optional.empty();
    }

    /** A zip entry's compression method (as in the zip format) and its compressed bytes. */
    record RawData(int method, ByteRange compressed) { }
}
