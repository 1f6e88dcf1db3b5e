package dev.hotpatch.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Bytes that can be read in place, at any position, without copying them: a file, a slice of an
 * open file (a stored zip entry, a tar entry), or a small array. Nested archives are opened on a
 * range of their parent, so a stored jar inside a fat jar is never copied.
 */
public interface ByteRange {

    long length();

    /** A fresh read-only channel over the range, positioned at 0. The caller closes it. */
    SeekableByteChannel openChannel() throws IOException;

    /** A sub-range of this range. */
    ByteRange slice(long offset, long length);

    default InputStream openStream() throws IOException {
        return Channels.newInputStream(openChannel());
    }

    /** Compares the bytes of two ranges, reading both in chunks. */
    default boolean contentEquals(ByteRange other) throws IOException {
        if (length() != other.length()) {
            return false;
        }
        try (SeekableByteChannel a = openChannel(); SeekableByteChannel b = other.openChannel()) {
            return channelsEqual(a, b, (int) Math.min(64 * 1024, Math.max(1, length())));
        }
    }

    /** Buffers no larger than the ranges: comparing many small entries must not allocate 128 KiB each. */
    static boolean channelsEqual(SeekableByteChannel a, SeekableByteChannel b, int bufferSize) throws IOException {
        ByteBuffer ba = ByteBuffer.allocate(bufferSize);
        ByteBuffer bb = ByteBuffer.allocate(bufferSize);
        while (true) {
            ba.clear();
            bb.clear();
            int na = fill(a, ba);
            int nb = fill(b, bb);
            if (na != nb) {
                return false;
            }
            if (na <= 0) {
                return true;
            }
            if (Arrays.mismatch(ba.array(), 0, na, bb.array(), 0, nb) >= 0) {
                return false;
            }
        }
    }

    private static int fill(SeekableByteChannel ch, ByteBuffer buf) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    static ByteRange of(byte[] bytes) {
        return new MemoryRange(bytes, 0, bytes.length);
    }

    /** A whole file, opened each time a channel is asked for. */
    static ByteRange of(Path file, long length) {
        return new PathRange(file, 0, length);
    }

    /** A range of a channel that stays open elsewhere; the returned channels do not close it. */
    static ByteRange of(FileChannel shared, long offset, long length) {
        return new FileRange(shared, offset, length);
    }

    private static void checkSlice(long have, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > have) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + have);
        }
    }

    record MemoryRange(byte[] bytes, int offset, int length0) implements ByteRange {
        @Override
        public long length() {
            return length0;
        }

        @Override
        public SeekableByteChannel openChannel() {
            return new SliceChannel(null, null, offset, length0, bytes);
        }

        @Override
        public ByteRange slice(long off, long len) {
            checkSlice(length0, off, len);
            return new MemoryRange(bytes, (int) (offset + off), (int) len);
        }
    }

    record PathRange(Path file, long offset, long length0) implements ByteRange {
        @Override
        public long length() {
            return length0;
        }

        @Override
        public SeekableByteChannel openChannel() throws IOException {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            return new SliceChannel(ch, ch, offset, length0, null);
        }

        @Override
        public ByteRange slice(long off, long len) {
            checkSlice(length0, off, len);
            return new PathRange(file, offset + off, len);
        }
    }

    record FileRange(FileChannel channel, long offset, long length0) implements ByteRange {
        @Override
        public long length() {
            return length0;
        }

        @Override
        public SeekableByteChannel openChannel() {
            return new SliceChannel(channel, null, offset, length0, null);
        }

        @Override
        public ByteRange slice(long off, long len) {
            checkSlice(length0, off, len);
            return new FileRange(channel, offset + off, len);
        }
    }
}
