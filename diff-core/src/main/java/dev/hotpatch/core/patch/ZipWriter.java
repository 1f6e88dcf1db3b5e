package dev.hotpatch.core.patch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip whose bytes depend only on the entries' names and contents: every entry stored
 * (no compression, so no dependence on a JDK's zlib), the same fixed timestamp (1980-01-01 00:00
 * in DOS format), UTF-8 names, no extra fields, no comments, no file attributes. The format is
 * described in {@code docs/patch-format.md}.
 */
final class ZipWriter implements AutoCloseable {
    /** 1980-01-01 in DOS date format: (year - 1980) << 9 | month << 5 | day. */
    static final int DOS_DATE = (1 << 5) | 1;
    static final int DOS_TIME = 0;
    private static final int UTF8_FLAG = 1 << 11;
    private static final int VERSION = 10;

    private record Written(byte[] name, long crc, long size, long offset) { }

    private final OutputStream out;
    private final List<Written> written = new ArrayList<>();
    private long position;

    ZipWriter(OutputStream out) {
        this.out = out;
    }

    /** Adds an entry; {@code crc} and {@code size} must describe {@code content}, which is copied. */
    void add(String name, long crc, long size, InputStream content) throws IOException {
        if (written.size() == 0xFFFF) {
            throw new IOException("a patch holds at most 65,534 entries");
        }
        if (position > 0xFFFFFFFFL - size || size > 0xFFFFFFFFL) {
            throw new IOException("a patch is at most 4 GiB");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long offset = position;
        ByteBuffer header = le(30 + nameBytes.length);
        header.putInt(0x04034b50).putShort((short) VERSION).putShort((short) UTF8_FLAG).putShort((short) 0)
                .putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt((int) crc).putInt((int) size)
                .putInt((int) size).putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes);
        write(header);
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException("entry " + name + " had " + copied + " bytes, expected " + size);
        }
        position += copied;
        written.add(new Written(nameBytes, crc, size, offset));
    }

    void add(String name, byte[] content) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        add(name, crc.getValue(), content.length, new java.io.ByteArrayInputStream(content));
    }

    /** Writes the central directory; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        long start = position;
        for (Written w : written) {
            ByteBuffer cd = le(46 + w.name.length);
            cd.putInt(0x02014b50).putShort((short) VERSION).putShort((short) VERSION).putShort((short) UTF8_FLAG)
                    .putShort((short) 0).putShort((short) DOS_TIME).putShort((short) DOS_DATE).putInt((int) w.crc)
                    .putInt((int) w.size).putInt((int) w.size).putShort((short) w.name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) w.offset)
                    .put(w.name);
            write(cd);
        }
        long size = position - start;
        if (start > 0xFFFFFFFFL || size > 0xFFFFFFFFL) {
            throw new IOException("a patch is at most 4 GiB");
        }
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) written.size())
                .putShort((short) written.size()).putInt((int) size).putInt((int) start).putShort((short) 0);
        write(end);
        out.flush();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void write(ByteBuffer buffer) throws IOException {
        out.write(buffer.array(), 0, buffer.position());
        position += buffer.position();
    }
}
