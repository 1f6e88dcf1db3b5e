package dev.hotpatch.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes zip structures byte by byte, for archives no well-behaved library would write: names
 * that are not UTF-8, duplicate names, a central directory that disagrees with the local headers,
 * the encryption flag, ZIP64 records, and local headers beyond 4 GiB (after a sparse hole). Every
 * entry is stored (method 0).
 */
public final class RawZip {
    private static final int EFS = 1 << 11;
    private static final long ZIP64_MAGIC = 0xFFFFFFFFL;

    private record Entry(byte[] localName, byte[] centralName, int flags, byte[] data, int aliasOf) { }

    private final List<Entry> entries = new ArrayList<>();
    private long hole;

    public static RawZip create() {
        return new RawZip();
    }

    public RawZip add(String name, String content) {
        return add(utf8(name), EFS, utf8(content));
    }

    /** An entry with the given raw name bytes and general-purpose flags. */
    public RawZip add(byte[] name, int flags, byte[] content) {
        entries.add(new Entry(name, name, flags, content, -1));
        return this;
    }

    /** An entry whose local header carries another name than its central directory record. */
    public RawZip addDisagreeing(String localName, String centralName, String content) {
        entries.add(new Entry(utf8(localName), utf8(centralName), EFS, utf8(content), -1));
        return this;
    }

    /** A second central directory record for the last entry's local header, under another name. */
    public RawZip alias(String centralName) {
        Entry last = entries.get(entries.size() - 1);
        entries.add(new Entry(null, utf8(centralName), EFS, last.data(), entries.size() - 1));
        return this;
    }

    /** Zero bytes before the first local header, written as a hole in a sparse file by {@link #write}. */
    public RawZip hole(long bytes) {
        this.hole = bytes;
        return this;
    }

    public byte[] bytes() {
        if (hole != 0) {
            throw new IllegalStateException("an archive with a hole is written to a file");
        }
        return structure();
    }

    /** Writes the archive; the hole is skipped, not written, so it takes no disk space. */
    public Path write(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer content = ByteBuffer.wrap(structure());
            long at = hole;
            while (content.hasRemaining()) {
                at += ch.write(content, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private byte[] structure() {
        Buffer out = new Buffer();
        long[] offsets = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.aliasOf() >= 0) {
                offsets[i] = offsets[e.aliasOf()];
                continue;
            }
            offsets[i] = hole + out.size();
            out.i32(0x04034b50).i16(20).i16(e.flags()).i16(0).i16(0).i16(0x21).i32(crc(e.data()))
                    .i32(e.data().length).i32(e.data().length).i16(e.localName().length).i16(0)
                    .bytes(e.localName()).bytes(e.data());
        }
        long cdStart = hole + out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            boolean far = offsets[i] >= ZIP64_MAGIC;
            out.i32(0x02014b50).i16(45).i16(far ? 45 : 20).i16(e.flags()).i16(0).i16(0).i16(0x21)
                    .i32(crc(e.data())).i32(e.data().length).i32(e.data().length)
                    .i16(e.centralName().length).i16(far ? 12 : 0).i16(0).i16(0).i16(0).i32(0)
                    .i32(far ? ZIP64_MAGIC : offsets[i]).bytes(e.centralName());
            if (far) {
                out.i16(0x0001).i16(8).i64(offsets[i]);
            }
        }
        long cdEnd = hole + out.size();
        boolean zip64 = entries.size() >= 0xFFFF || cdStart >= ZIP64_MAGIC;
        if (zip64) {
            out.i32(0x06064b50).i64(44).i16(45).i16(45).i32(0).i32(0).i64(entries.size()).i64(entries.size())
                    .i64(cdEnd - cdStart).i64(cdStart);
            out.i32(0x07064b50).i32(0).i64(cdEnd).i32(1);
        }
        int count = zip64 ? 0xFFFF : entries.size();
        out.i32(0x06054b50).i16(0).i16(0).i16(count).i16(count).i32(zip64 ? ZIP64_MAGIC : cdEnd - cdStart)
                .i32(zip64 ? ZIP64_MAGIC : cdStart).i16(0);
        return out.toByteArray();
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Little-endian writes, as the zip format wants them. */
    private static final class Buffer extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Buffer i16(int v) {
            write(v & 0xff);
            write((v >>> 8) & 0xff);
            return this;
        }

        Buffer i32(long v) {
            scratch.clear();
            scratch.putInt((int) v);
            write(scratch.array(), 0, 4);
            return this;
        }

        Buffer i64(long v) {
            scratch.clear();
            scratch.putLong(v);
            write(scratch.array(), 0, 8);
            return this;
        }

        Buffer bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }
    }
}
