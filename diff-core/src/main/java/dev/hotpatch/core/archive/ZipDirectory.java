package dev.hotpatch.core.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads a zip archive's central directory: what a JVM reads to find a class, and all the diff
 * needs to decide that an entry did not change (CRC-32, sizes, method) without touching its data.
 * Handles ZIP64 and bytes before the archive (a launch script in front of an executable jar), as
 * {@code java.util.zip.ZipFile} does. Time stamps, attributes and comments are skipped: hotpatch
 * never uses them, and converting DOS times would load the time-zone database on every run.
 */
final class ZipDirectory {
    static final int STORED = 0;
    static final int DEFLATED = 8;

    private static final int EOCD = 0x06054b50;
    private static final int EOCD_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_LOCATOR_SIZE = 20;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    private static final int CEN_SIZE = 46;
    private static final long MAGIC32 = 0xFFFFFFFFL;
    private static final int MAGIC16 = 0xFFFF;
    private static final int ZIP64_EXTRA = 0x0001;
    private static final int UNICODE_PATH_EXTRA = 0x7075;

    /**
     * One central directory record.
     *
     * @param rawName     the name's bytes as stored
     * @param name        the name: the Unicode path field's when it has one for this raw name, else the raw
     *                    bytes as UTF-8
     * @param unicodePath whether {@code name} came from a Unicode path field
     * @param header      where the entry's local header starts in the archive (after any prefix)
     */
    record Record(byte[] rawName, String name, boolean unicodePath, int flags, int method, long crc,
            long compressedSize, long size, long header) {
        boolean isDirectory() {
            return name.endsWith("/");
        }

        boolean encrypted() {
            return (flags & 1) != 0;
        }
    }

    private ZipDirectory() {
    }

    /**
     * A central directory: its records in directory order, and how many name files (not
     * directories). Past {@code maxFiles} files, records are counted but no longer kept.
     */
    record Directory(List<Record> records, long files) { }

    /**
     * Reads the central directory.
     *
     * @param maxFiles how many files' records are kept at most; the rest are only counted, so that
     *                 the caller can refuse an archive with too many entries, naming how many
     * @throws IOException naming what is wrong, for a message "Cannot read this as a zip archive: ..."
     */
    static Directory read(SeekableByteChannel channel, long length, int maxFiles) throws IOException {
        // the end record: 22 bytes and a comment of at most 65535, the last thing in the file
        int tailLength = (int) Math.min(length, EOCD_SIZE + MAGIC16 + ZIP64_LOCATOR_SIZE);
        long tailStart = length - tailLength;
        byte[] tail = readFully(channel, tailStart, tailLength).array();
        int end = -1;
        for (int p = tailLength - EOCD_SIZE; p >= 0; p--) {
            if (u32(tail, p) == EOCD && p + EOCD_SIZE + u16(tail, p + 20) <= tailLength) {
                end = p;
                break;
            }
        }
        if (end < 0) {
            throw new IOException("no end of central directory record (not a zip file, or truncated)");
        }
        if (u16(tail, end + 4) != 0 || u16(tail, end + 6) != 0) {
            throw new IOException("split (multi-volume) archives are not supported");
        }
        long count = u16(tail, end + 10);
        long cenSize = u32(tail, end + 12);
        long cenOffset = u32(tail, end + 16);
        long endPosition = tailStart + end;
        long cenEnd = endPosition; // where the central directory must end
        int locator = end - ZIP64_LOCATOR_SIZE;
        if (locator >= 0 && u32(tail, locator) == ZIP64_LOCATOR) {
            // the locator gives the ZIP64 end record's offset; bytes in front of the archive shift it,
            // and then the record is found where it must lie, just before its locator
            long zip64EndAt = u64(tail, locator + 8);
            long expected = endPosition - ZIP64_LOCATOR_SIZE - 56;
            byte[] z = zip64EndAt >= 0 && zip64EndAt + 56 <= length ? readFully(channel, zip64EndAt, 56).array() : null;
            if (z == null || u32(z, 0) != ZIP64_EOCD) {
                zip64EndAt = expected;
                z = expected >= 0 ? readFully(channel, expected, 56).array() : null;
            }
            if (z == null || u32(z, 0) != ZIP64_EOCD) {
                throw new IOException("no ZIP64 end of central directory record where its locator points");
            }
            count = u64(z, 32);
            cenSize = u64(z, 40);
            cenOffset = u64(z, 48);
            cenEnd = zip64EndAt;
        }
        // without a ZIP64 locator, 0xFFFF and 0xFFFFFFFF are taken as they stand, as java.util.zip
        // does: a tool may write exactly 65535 entries without ZIP64 records
        long cenStart = cenEnd - cenSize;
        long prefix = cenStart - cenOffset; // bytes in front of the archive proper (launch script)
        if (cenSize < 0 || cenStart < 0 || prefix < 0) {
            throw new IOException("the central directory's size or offset does not fit the file");
        }
        if (cenSize > Integer.MAX_VALUE - 8) {
            throw new IOException("the central directory is larger than 2 GiB");
        }
        byte[] cen = readFully(channel, cenStart, (int) cenSize).array();
        List<Record> records = new ArrayList<>((int) Math.min(Math.max(count, 16), 1 << 16));
        int p = 0;
        long total = 0;
        long files = 0;
        while (p < cenSize) {
            if (p + CEN_SIZE > cenSize || u32(cen, p) != CEN) {
                throw new IOException("central directory record " + total + " is damaged");
            }
            total++;
            int nameLength = u16(cen, p + 28);
            int extraLength = u16(cen, p + 30);
            int commentLength = u16(cen, p + 32);
            int nameAt = p + CEN_SIZE;
            int extraAt = nameAt + nameLength;
            int next = extraAt + extraLength + commentLength;
            if (next > cenSize) {
                throw new IOException("central directory record " + (total - 1) + " runs past the directory");
            }
            if (files >= maxFiles) {
                // over the limit: counted only (the name's last byte says whether it is a directory)
                if (nameLength == 0 || cen[extraAt - 1] != '/') {
                    files++;
                }
                p = next;
                continue;
            }
            int flags = u16(cen, p + 8);
            int method = u16(cen, p + 10);
            long crc = u32(cen, p + 16);
            long compressed = u32(cen, p + 20);
            long size = u32(cen, p + 24);
            long header = u32(cen, p + 42);
            byte[] rawName = Arrays.copyOfRange(cen, nameAt, extraAt);
            String unicodeName = null;
            for (int e = extraAt; e + 4 <= extraAt + extraLength; ) {
                int id = u16(cen, e);
                int fieldLength = u16(cen, e + 2);
                int data = e + 4;
                if (data + fieldLength > extraAt + extraLength) {
                    break; // a damaged extra field: the JVM ignores it too
                }
                if (id == ZIP64_EXTRA) {
                    int q = data;
                    if (size == MAGIC32) {
                        size = zip64Value(cen, q, data + fieldLength, "size");
                        q += 8;
                    }
                    if (compressed == MAGIC32) {
                        compressed = zip64Value(cen, q, data + fieldLength, "compressed size");
                        q += 8;
                    }
                    if (header == MAGIC32) {
                        header = zip64Value(cen, q, data + fieldLength, "local header offset");
                    }
                } else if (id == UNICODE_PATH_EXTRA && fieldLength >= 5 && cen[data] == 1) {
                    CRC32 nameCrc = new CRC32();
                    nameCrc.update(rawName);
                    if (nameCrc.getValue() == u32(cen, data + 1)) {
                        unicodeName = new String(cen, data + 5, fieldLength - 5, StandardCharsets.UTF_8);
                    }
                }
                e = data + fieldLength;
            }
            if (size == MAGIC32 || compressed == MAGIC32 || header == MAGIC32) {
                throw new IOException("central directory record " + (total - 1)
                        + " asks for ZIP64 values but has no ZIP64 field");
            }
            boolean unicode = unicodeName != null;
            String name = unicode ? unicodeName : new String(rawName, StandardCharsets.UTF_8);
            Record record = new Record(rawName, name, unicode, flags, method, crc, compressed, size, prefix + header);
            records.add(record);
            if (!record.isDirectory()) {
                files++;
            }
            p = next;
        }
        if (total != count) {
            throw new IOException("the end record counts " + count + " entries but the central directory holds "
                    + total);
        }
        return new Directory(records, files);
    }

    private static long zip64Value(byte[] cen, int at, int limit, String what) throws IOException {
        if (at + 8 > limit) {
            throw new IOException("a ZIP64 field lacks the " + what);
        }
        long value = u64(cen, at);
        if (value < 0) {
            throw new IOException("a ZIP64 " + what + " is out of range");
        }
        return value;
    }

    static ByteBuffer readFully(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("the file ends at " + (position + buffer.position()) + ", inside the zip"
                        + " structures");
            }
        }
        return buffer.clear();
    }

    // Little-endian fields read from the array itself: a short run parses the directories in the
    // interpreter, where each ByteBuffer.getShort is a chain of calls
    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xff | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16) | (long) (b[at + 3] & 0xff) << 24;
    }

    private static long u64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
