package dev.hotpatch.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** An entry shown under another name: a folder taken off, or a patch entry put in its place. */
public record RenamedEntry(ArchiveEntry entry, String name) implements ArchiveEntry {
    @Override
    public long size() {
        return entry.size();
    }

    @Override
    public long crc() {
        return entry.crc();
    }

    @Override
    public InputStream openStream() throws IOException {
        return entry.openStream();
    }

    @Override
    public Optional<ByteRange> bytes() {
        return entry.bytes();
    }

    @Override
    public Optional<RawData> raw() {
        return entry.raw();
    }

    @Override
    public Optional<Archive> logicalArchive() {
        return entry.logicalArchive();
    }
}
