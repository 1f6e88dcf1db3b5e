package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/** A zip-family archive (jar, war, ear, zip) read through its central directory, in place. */
final class ZipArchive implements Archive {
    private final String location;
    private final EntryPath path;
    private final ZipFile zip;
    private final List<ArchiveEntry> entries;
    private final Runnable onClose;

    ZipArchive(String location, EntryPath path, ByteRange bytes, ReadLimits limits, ArchiveReader reader,
            Runnable onClose) {
        this.location = location;
        this.path = path;
        this.onClose = onClose;
        SeekableByteChannel channel = null;
        try {
            channel = bytes.openChannel();
            this.zip = ZipFile.builder().setSeekableByteChannel(channel).setCharset(StandardCharsets.UTF_8)
                    .setIgnoreLocalFileHeader(true).get();
            List<ArchiveEntry> list = new ArrayList<>();
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = EntryNames.normalize(storedName(e), location);
                list.add(new Entry(name, e, dataRange(channel, bytes, e), reader));
            }
            this.entries = EntryNames.sortedUnique(list, location, limits);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof HotpatchException he) {
                throw he;
            }
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location,
                    "Cannot read this as a zip archive: " + e.getMessage()
                            + ". The file is damaged or not a jar/war/ear/zip.", e);
        }
    }

    /**
     * The name as the archive stores it. The library turns backslashes into slashes for entries
     * made on Windows, while the JVM takes the name literally, so the raw bytes are decoded here;
     * a Unicode path field, when present, holds the real name.
     */
    private String storedName(ZipArchiveEntry e) {
        boolean unicodePath = e.getExtraField(UnicodePathExtraField.UPATH_ID) != null;
        String raw = unicodePath ? e.getName() : new String(e.getRawName(), StandardCharsets.UTF_8);
        EntryNames.requireUtf8(e.getRawName(), unicodePath, raw, location);
        return raw;
    }

    /**
     * The stored bytes of an entry: its local header is 30 bytes plus name and extra field. The
     * local header must name the entry and its compression as the central directory does: a JVM
     * reads the central directory, a streaming reader the local headers, so an archive where they
     * disagree (or where two directory records share one local entry) shows each reader different
     * content and cannot be patched safely.
     */
    private ByteRange dataRange(SeekableByteChannel channel, ByteRange bytes, ZipArchiveEntry e) throws IOException {
        long header = e.getLocalHeaderOffset();
        byte[] centralName = e.getRawName();
        ByteBuffer fixed = ByteBuffer.allocate(30 + centralName.length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(header);
        while (fixed.hasRemaining()) {
            if (channel.read(fixed) < 0) {
                throw new IOException("local header of '" + e.getName() + "' is truncated");
            }
        }
        if (fixed.getInt(0) != 0x04034b50) {
            throw new IOException("no local header where the central directory puts '" + e.getName() + "'");
        }
        boolean sameName = Short.toUnsignedInt(fixed.getShort(26)) == centralName.length
                && Arrays.equals(fixed.array(), 30, 30 + centralName.length, centralName, 0, centralName.length);
        if (!sameName || Short.toUnsignedInt(fixed.getShort(8)) != e.getMethod()) {
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location + EntryPath.SEPARATOR + e.getName(),
                    "The local header of this entry disagrees with the central directory (name or compression"
                            + " method), so different readers would see different content; the archive is damaged"
                            + " or crafted. Rebuild it with a standard tool.");
        }
        long data = header + 30 + Short.toUnsignedInt(fixed.getShort(26)) + Short.toUnsignedInt(fixed.getShort(28));
        long size = e.getCompressedSize();
        if (size < 0 || data + size > bytes.length()) {
            throw new IOException("entry '" + e.getName() + "' extends past the end of the archive");
        }
        return bytes.slice(data, size);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public EntryPath path() {
        return path;
    }

    @Override
    public ArchiveFormat format() {
        return ArchiveFormat.ZIP;
    }

    @Override
    public List<ArchiveEntry> entries() {
        return entries;
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only; nothing to lose
        } finally {
            onClose.run();
        }
    }

    private static void closeQuietly(SeekableByteChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private final class Entry implements ArchiveEntry {
        private final String name;
        private final ZipArchiveEntry entry;
        private final ByteRange stored;
        private final ArchiveReader reader;

        Entry(String name, ZipArchiveEntry entry, ByteRange stored, ArchiveReader reader) {
            this.name = name;
            this.entry = entry;
            this.stored = stored;
            this.reader = reader;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            return entry.getSize();
        }

        @Override
        public long crc() {
            return entry.getCrc();
        }

        @Override
        public InputStream openStream() throws IOException {
            String where = location + EntryPath.SEPARATOR + name;
            if (entry.getGeneralPurposeBit().usesEncryption()) {
                throw new HotpatchException(ReasonCode.ENCRYPTED_ENTRY, where,
                        "The entry is encrypted; hotpatch cannot read it. Build the artifact without encryption.");
            }
            if (!zip.canReadEntryData(entry)) {
                throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, where,
                        "The entry uses compression method " + ZipMethod.getMethodByCode(entry.getMethod())
                                + " (" + entry.getMethod() + "), which cannot be read.");
            }
            return reader.guard(zip.getInputStream(entry), where, entry.getSize(), entry.getCompressedSize());
        }

        @Override
        public Optional<ByteRange> bytes() {
            return entry.getMethod() == ZipArchiveEntry.STORED && entry.getSize() == stored.length()
                    ? Optional.of(stored) : Optional.empty();
        }

        @Override
        public Optional<RawData> raw() {
            return Optional.of(new RawData(entry.getMethod(), stored));
        }
    }
}
