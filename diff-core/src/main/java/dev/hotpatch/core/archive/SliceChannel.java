package dev.hotpatch.core.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over {@code length} bytes starting at {@code offset} of a file channel (read
 * with positional reads, so many slices can share one open file) or of an array.
 */
final class SliceChannel implements SeekableByteChannel {
    private final FileChannel file;
    private final FileChannel owned;
    private final long offset;
    private final long length;
    private final byte[] memory;
    private long position;
    private boolean open = true;

    SliceChannel(FileChannel file, FileChannel owned, long offset, long length, byte[] memory) {
        this.file = file;
        this.owned = owned;
        this.offset = offset;
        this.length = length;
        this.memory = memory;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= length) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), length - position);
        if (want == 0) {
            return 0;
        }
        int n;
        if (memory != null) {
            dst.put(memory, (int) (offset + position), want);
            n = want;
        } else {
            ByteBuffer view = dst.duplicate();
            view.limit(view.position() + want);
            n = file.read(view, offset + position);
            if (n < 0) {
                throw new IOException("file ended inside a range of " + length + " bytes at offset " + offset);
            }
            dst.position(dst.position() + n);
        }
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        if (owned != null) {
            owned.close();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
