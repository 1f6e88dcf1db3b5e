package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A zip-family archive (jar, war, ear, zip) read through its central directory, in place. Stored
 * and deflated entries (all a JVM can load) are read here; an entry compressed another way is
 * read through commons-compress, opened only for such an entry.
 */
final class ZipArchive implements Archive {
    private final String location;
    private final EntryPath path;
    private final ByteRange bytes;
    private final List<ArchiveEntry> entries;
    private final Runnable onClose;
    private final SeekableByteChannel channel;
    /** commons-compress, opened for the first entry compressed with neither of the JVM's two methods. */
    java.io.Closeable otherMethods;

    ZipArchive(String location, EntryPath path, ByteRange bytes, ReadLimits limits, ArchiveReader reader,
            Runnable onClose) {
        this.location = location;
        this.path = path;
        this.onClose = onClose;
        this.bytes = bytes;
        SeekableByteChannel channel = null;
        try {
            channel = bytes.openChannel();
            List<ArchiveEntry> list = new ArrayList<>();
            ZipDirectory.Directory directory = ZipDirectory.read(channel, bytes.length(), limits.maxEntries());
            if (directory.files() > limits.maxEntries()) {
                throw EntryNames.tooMany(directory.files(), location, limits);
            }
            for (ZipDirectory.Record r : directory.records()) {
                if (r.isDirectory()) {
                    continue;
                }
                EntryNames.requireUtf8(r.rawName(), r.unicodePath(), r.name(), location);
                String name = EntryNames.normalize(r.name(), location);
                list.add(new Entry(name, r, reader));
            }
            this.entries = EntryNames.sortedUnique(list, location, limits);
            this.channel = channel;
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
     * The stored bytes of an entry: its local header is 30 bytes plus name and extra field. The
     * local header must name the entry and its compression as the central directory does: a JVM
     * reads the central directory, a streaming reader the local headers, so an archive where they
     * disagree (or where two directory records share one local entry) shows each reader different
     * content and cannot be patched safely. Checked when the entry's bytes are first needed: an
     * entry the central directories already show unchanged is never read (ADR 10), nor its header.
     */
    private synchronized ByteRange dataRange(ZipDirectory.Record e) {
        String where = location + EntryPath.SEPARATOR + e.name();
        try {
            long header = e.header();
            byte[] centralName = e.rawName();
            if (header < 0 || header + 30 + centralName.length > bytes.length()) {
                throw new IOException("the local header lies outside the archive");
            }
            ByteBuffer fixed = ZipDirectory.readFully(channel, header, 30 + centralName.length);
            if (fixed.getInt(0) != 0x04034b50) {
                throw new IOException("there is no local header where the central directory puts it");
            }
            boolean sameName = Short.toUnsignedInt(fixed.getShort(26)) == centralName.length
                    && Arrays.equals(fixed.array(), 30, 30 + centralName.length, centralName, 0, centralName.length);
            if (!sameName || Short.toUnsignedInt(fixed.getShort(8)) != e.method()) {
                throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, where,
                        "The local header of this entry disagrees with the central directory (name or compression"
                                + " method), so different readers would see different content; the archive is damaged"
                                + " or crafted. Rebuild it with a standard tool.");
            }
            long data = header + 30 + Short.toUnsignedInt(fixed.getShort(26)) + Short.toUnsignedInt(fixed.getShort(28));
            long size = e.compressedSize();
            if (size < 0 || data + size > bytes.length()) {
                throw new IOException("the entry extends past the end of the archive");
            }
            return bytes.slice(data, size);
        } catch (IOException x) {
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, where,
                    "Cannot read this entry: " + x.getMessage() + ". The archive is damaged or truncated.", x);
        }
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
            if (otherMethods != null) {
                otherMethods.close();
            }
        } catch (IOException ignored) {
            // read-only; nothing to lose
        } finally {
            closeQuietly(channel);
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
        private final ZipDirectory.Record entry;
        private final ArchiveReader reader;
        private final ByteRange stored = new StoredBytes();
        private ByteRange located;

        Entry(String name, ZipDirectory.Record entry, ArchiveReader reader) {
            this.name = name;
            this.entry = entry;
            this.reader = reader;
        }

        @Override
        public String name() {
            return name;
        }

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
            String where = location + EntryPath.SEPARATOR + name;
            if (entry.encrypted()) {
                throw new HotpatchException(ReasonCode.ENCRYPTED_ENTRY, where,
                        "The entry is encrypted; hotpatch cannot read it. Build the artifact without encryption.");
            }
            InputStream data = switch (entry.method()) {
                case ZipDirectory.STORED -> stored.openStream();
                case ZipDirectory.DEFLATED -> new Inflating(stored.openStream(), stored.length());
                default -> OtherMethods.open(ZipArchive.this, bytes, entry, where);
            };
            return reader.guard(data, where, entry.size(), entry.compressedSize());
        }

        @Override
        public Optional<ByteRange> bytes() {
            return entry.method() == ZipDirectory.STORED && entry.size() == entry.compressedSize()
                    ? Optional.of(stored) : Optional.empty();
        }

        @Override
        public Optional<RawData> raw() {
            return Optional.of(new RawData(entry.method(), stored));
        }

        private ByteRange located() {
            if (located == null) {
                located = dataRange(entry);
            }
            return located;
        }

        /** The entry's stored bytes, found (and their local header checked) only when they are read. */
        private final class StoredBytes implements ByteRange {
            @Override
            public long length() {
                return entry.compressedSize();
            }

            @Override
            public SeekableByteChannel openChannel() throws IOException {
                return located().openChannel();
            }

            @Override
            public ByteRange slice(long offset, long length) {
                return located().slice(offset, length);
            }
        }
    }

    /**
     * Raw deflate data inflated with an inflater of its own, released on close. Raw deflate may need
     * one byte more than the data holds to finish, which is supplied at the end (as
     * {@code java.util.zip.ZipFile} does).
     */
    private static final class Inflating extends InflaterInputStream {
        private boolean supplied;
        private boolean closed;

        Inflating(InputStream compressed, long compressedSize) {
            super(compressed, new Inflater(true), (int) Math.max(512, Math.min(compressedSize + 1, 64 * 1024)));
        }

        @Override
        protected void fill() throws IOException {
            len = in.read(buf, 0, buf.length);
            if (len < 0) {
                if (supplied) {
                    throw new java.io.EOFException("the deflated data ends early");
                }
                supplied = true;
                buf[0] = 0;
                len = 1;
            }
            inf.setInput(buf, 0, len);
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    super.close();
                } finally {
                    inf.end();
                }
            }
        }
    }
}
