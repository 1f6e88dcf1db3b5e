package dev.hotpatch.core.archive;

import dev.hotpatch.core.ScratchFiles;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Opens artifacts and the archives nested in them, enforcing {@link ReadLimits}. Archives are read
 * in place where their bytes are stored uncompressed; a compressed nested archive is inflated
 * into memory when small and into a scratch file otherwise, and a compressed tar into a scratch
 * file. One reader serves one run; closing it deletes its scratch files.
 */
public final class ArchiveReader implements AutoCloseable {
    /** Nested archives up to this size are inflated into memory rather than a scratch file. */
    private static final long IN_MEMORY_LIMIT = 4L << 20;
    private static final int HEAD = 512;

    private final ReadLimits limits;
    private Path scratch;
    private long totalBytes;

    public ArchiveReader(ReadLimits limits) {
        this.limits = limits;
    }

    public ReadLimits limits() {
        return limits;
    }

    /** Opens a file (zip family, tar, compressed tar) or a directory. Never treats a missing file as empty. */
    public Archive open(Path file) {
        if (!Files.exists(file)) {
            throw new HotpatchException(ReasonCode.INPUT_MISSING, file.toString(),
                    "The file does not exist. Check the path; hotpatch never diffs"
                            + " against a missing build.");
        }
        if (Files.isDirectory(file)) {
            return new DirectoryArchive(file, limits);
        }
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            size = channel.size();
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.INPUT_MISSING, file.toString(),
                    "The file cannot be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            closeQuietly(channel);
            throw new HotpatchException(ReasonCode.EMPTY_INPUT, file.toString(),
                    "The file is empty (0 bytes): an interrupted download or copy leaves such a file. Check that it"
                            + " is the right artifact; hotpatch never diffs against or towards an empty build.");
        }
        try {
            ByteRange all = ByteRange.of(channel, 0, size);
            byte[] head = head(all.openStream());
            ArchiveFormat format = sniff(head, file.getFileName().toString(), true, file.toString(),
                    new RangeSource(all));
            return openAs(format, file.toString(), EntryPath.ROOT, all, new Closing(channel));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, file.toString(),
                    "Cannot read the archive: " + e.getMessage() + ". The file is damaged or truncated.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Opens an entry as an archive when its content is one (judged by its bytes, not its name), or
     * returns empty for an ordinary file. An entry named like a zip archive that is not one fails.
     */
    public Optional<Archive> openNested(Archive parent, ArchiveEntry entry) {
        if (entry.logicalArchive().isPresent()) {
            return entry.logicalArchive();
        }
        String location = parent.locationOf(entry.name());
        EntryPath path = parent.path().child(entry.name());
        try {
            byte[] head = head(entry.openStream());
            ArchiveFormat format = sniff(head, entry.name(), false, location, new EntrySource(entry));
            if (format == null) {
                return Optional.empty();
            }
            if (path.depth() > limits.maxNestingDepth()) {
                throw new HotpatchException(ReasonCode.NESTING_TOO_DEEP, location,
                        "Archives are nested " + path.depth() + " deep, more than the limit of "
                                + limits.maxNestingDepth() + ".");
            }
            if (isCompressedTar(format)) {
                Path tar = spill(new Decompressing(format, new EntrySource(entry), location));
                return Optional.of(openFile(format, location, path, tar));
            }
            Optional<ByteRange> inPlace = entry.bytes();
            if (inPlace.isPresent()) {
                return Optional.of(openAs(format, location, path, inPlace.get(), NOTHING));
            }
            if (entry.size() >= 0 && entry.size() <= IN_MEMORY_LIMIT && format == ArchiveFormat.ZIP) {
                byte[] bytes;
                try (InputStream in = entry.openStream()) {
                    bytes = in.readAllBytes();
                }
                return Optional.of(openAs(format, location, path, ByteRange.of(bytes), NOTHING));
            }
            return Optional.of(openFile(format, location, path, spill(new EntrySource(entry))));
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location,
                    "Cannot read the nested archive: " + e.getMessage(), e);
        }
    }

    private Archive openAs(ArchiveFormat format, String location, EntryPath path, ByteRange bytes,
            Runnable onClose) throws IOException {
        if (isCompressedTar(format)) {
            Path tar;
            try {
                tar = spill(new Decompressing(format, new RangeSource(bytes), location));
            } finally {
                onClose.run();
            }
            return openFile(format, location, path, tar);
        }
        return format == ArchiveFormat.ZIP
                ? new ZipArchive(location, path, bytes, limits, this, onClose)
                : new TarArchive(location, path, format, bytes, limits, onClose);
    }

    /** Opens a scratch file (a spilled zip or tar, or an inflated tar) and deletes it on close. */
    private Archive openFile(ArchiveFormat format, String location, EntryPath path, Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        Runnable cleanup = new Deleting(channel, file);
        try {
            ByteRange bytes = ByteRange.of(channel, 0, channel.size());
            return format == ArchiveFormat.ZIP
                    ? new ZipArchive(location, path, bytes, limits, this, cleanup)
                    : new TarArchive(location, path, format, bytes, limits, cleanup);
        } catch (RuntimeException e) {
            cleanup.run();
            throw e;
        }
    }

    private static boolean isCompressedTar(ArchiveFormat format) {
        return format == ArchiveFormat.TAR_GZ || format == ArchiveFormat.TAR_BZ2 || format == ArchiveFormat.TAR_XZ;
    }

    /**
     * The inflated stream of a compressed tar, held to the compression ratio against the compressed
     * bytes consumed so far: a small tar.gz of zeros must not fill the scratch disk.
     */
    private InputStream decompress(ArchiveFormat format, InputStream compressed, String location) throws IOException {
        Counting raw = new Counting(compressed);
        InputStream in = switch (format) {
            case TAR_GZ -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case TAR_BZ2 -> new BZip2CompressorInputStream(raw, true);
            case TAR_XZ -> new XZCompressorInputStream(raw, true);
            default -> raw;
        };
        return guard(in, location, -1, raw);
    }

    /** Counts the compressed bytes a decompressor has consumed so far. */
    private static final class Counting extends FilterInputStream implements LongSupplier {
        private long consumed;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            consumed += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            consumed += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            consumed += skipped;
            return skipped;
        }

        @Override
        public long getAsLong() {
            return consumed;
        }
    }

    /** A compressed tar's inflated stream, to spill to a scratch file. */
    private final class Decompressing implements StreamSource {
        private final ArchiveFormat format;
        private final StreamSource compressed;
        private final String location;

        Decompressing(ArchiveFormat format, StreamSource compressed, String location) {
            this.format = format;
            this.compressed = compressed;
            this.location = location;
        }

        @Override
        public InputStream open() throws IOException {
            return decompress(format, compressed.open(), location);
        }
    }

    private interface StreamSource {
        InputStream open() throws IOException;
    }

    // Small classes rather than lambdas on the path every run takes: each lambda call site costs a
    // cold JVM a quarter to half a millisecond to link. LauncherIT keeps a diff free of them.

    private record RangeSource(ByteRange range) implements StreamSource {
        @Override
        public InputStream open() throws IOException {
            return range.openStream();
        }
    }

    private record EntrySource(ArchiveEntry entry) implements StreamSource {
        @Override
        public InputStream open() throws IOException {
            return entry.openStream();
        }
    }

    /** Closes the channel of a file the reader opened when its archive is closed. */
    private record Closing(FileChannel channel) implements Runnable {
        @Override
        public void run() {
            closeQuietly(channel);
        }
    }

    /** Closes a scratch file the reader opened and deletes it, when its archive is closed. */
    private record Deleting(FileChannel channel, Path file) implements Runnable {
        @Override
        public void run() {
            closeQuietly(channel);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the scratch directory goes when the reader closes
            }
        }
    }

    /** A compressed size known up front. */
    private record Known(long size) implements LongSupplier {
        @Override
        public long getAsLong() {
            return size;
        }
    }

    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {
        }
    };

    private Path spill(StreamSource source) throws IOException {
        Path file = ScratchFiles.createFile(scratch(), "entry", ".bin");
        try (InputStream in = source.open()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private Path scratch() throws IOException {
        if (scratch == null) {
            scratch = ScratchFiles.createDirectory("hotpatch-read");
        }
        return scratch;
    }

    /**
     * Wraps an entry's content so that reading it enforces the limits: no more bytes than the entry
     * declares, no more than the allowed compression ratio, no more than the run's total.
     */
    InputStream guard(InputStream in, String location, long declaredSize, long compressedSize) {
        return guard(in, location, declaredSize, new Known(compressedSize));
    }

    /** @param compressedSize the compressed bytes behind what was read so far (or in all), or &lt;= 0 when unknown */
    private InputStream guard(InputStream in, String location, long declaredSize, LongSupplier compressedSize) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            /** Re-reading after a reset would count bytes twice: a valid stored tar.gz failed so. */
            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void mark(int readLimit) {
                // not supported, see markSupported
            }

            @Override
            public void reset() throws IOException {
                throw new IOException("mark/reset not supported");
            }

            private void count(int n) {
                count += n;
                totalBytes += n;
                if (declaredSize >= 0 && count > declaredSize) {
                    throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location,
                            "The entry holds more data than its header declares (" + declaredSize
                                    + " bytes); the archive is damaged or crafted.");
                }
                long compressed = compressedSize.getAsLong();
                if (compressed > 0 && count > (1L << 20) && count / compressed > limits.maxCompressionRatio()) {
                    throw new HotpatchException(ReasonCode.COMPRESSION_RATIO_EXCEEDED, location,
                            "The entry expands more than " + limits.maxCompressionRatio() + " times its compressed"
                                    + " size, as a zip bomb does.");
                }
                if (totalBytes > limits.maxTotalBytes()) {
                    throw new HotpatchException(ReasonCode.TOO_MUCH_DATA, location,
                            "More than " + limits.maxTotalBytes() + " uncompressed bytes were read in this run.");
                }
            }
        };
    }

    private static byte[] head(InputStream stream) throws IOException {
        try (InputStream in = stream) {
            return in.readNBytes(HEAD);
        }
    }

    /** The format a file's first bytes announce; compressed streams are peeked into for a tar header. */
    private ArchiveFormat sniff(byte[] head, String name, boolean root, String location, StreamSource content)
            throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean zipName = lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear")
                || lower.endsWith(".zip");
        if (startsWith(head, 0x50, 0x4b, 0x03, 0x04) || startsWith(head, 0x50, 0x4b, 0x05, 0x06)) {
            return ArchiveFormat.ZIP;
        }
        if (isTar(head)) {
            return ArchiveFormat.TAR;
        }
        ArchiveFormat compressed = null;
        if (startsWith(head, 0x1f, 0x8b)) {
            compressed = ArchiveFormat.TAR_GZ;
        } else if (startsWith(head, 'B', 'Z', 'h')) {
            compressed = ArchiveFormat.TAR_BZ2;
        } else if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            compressed = ArchiveFormat.TAR_XZ;
        }
        if (compressed != null) {
            byte[] inner;
            try {
                inner = head(decompress(compressed, content.open(), location));
            } catch (IOException e) {
                inner = new byte[0]; // not a valid compressed stream: judged below by name
            }
            if (isTar(inner)) {
                return compressed;
            }
        }
        if (root) {
            if (zipName) {
                return ArchiveFormat.ZIP; // a zip with a prefix (an executable jar's launch script)
            }
            if (lower.endsWith(".tar")) {
                return ArchiveFormat.TAR;
            }
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location,
                    "The file is neither a zip-family archive (jar, war, ear, zip), a tar, a compressed tar"
                            + " (gz, bz2, xz) nor a directory.");
        }
        if (zipName) {
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location,
                    "The entry is named like a zip archive but its content is not one; the artifact is damaged.");
        }
        return null;
    }

    private static boolean isTar(byte[] head) {
        return head.length >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a'
                && head[261] == 'r';
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    /** Deletes the scratch files. */
    @Override
    public void close() {
        if (scratch == null) {
            return;
        }
        ScratchFiles.deleteTree(scratch);
        scratch = null;
    }
}
