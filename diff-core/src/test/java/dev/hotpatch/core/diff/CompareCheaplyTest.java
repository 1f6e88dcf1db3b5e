package dev.hotpatch.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.archive.ArchiveEntry;
import dev.hotpatch.core.archive.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the diff decides from an entry's metadata, and when it reads bytes. */
class CompareCheaplyTest {
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    @Test
    void zipEntriesAgreeingOnCrcSizesAndMethodAreTheSameWithoutAByteRead() throws IOException {
        // a 40 MB nested library: if the diff touched its bytes, the ranges would throw
        Entry a = Entry.zip(0x1234_5678L, 40L << 20, STORED, new Unreadable(40L << 20));
        Entry b = Entry.zip(0x1234_5678L, 40L << 20, STORED, new Unreadable(40L << 20));

        assertThat(Differ.compareCheaply(a, b)).isEqualTo(Differ.Sameness.SAME);
    }

    @Test
    void aDifferentCrcOrSizeIsAChangeWithoutAByteRead() throws IOException {
        Entry a = Entry.zip(1, 100, DEFLATED, new Unreadable(60));

        assertThat(Differ.compareCheaply(a, Entry.zip(2, 100, DEFLATED, new Unreadable(60))))
                .isEqualTo(Differ.Sameness.DIFFERENT);
        assertThat(Differ.compareCheaply(a, Entry.zip(1, 101, DEFLATED, new Unreadable(60))))
                .isEqualTo(Differ.Sameness.DIFFERENT);
    }

    @Test
    void theSameContentStoredOneWayAndDeflatedTheOtherIsLeftToBeRead() throws IOException {
        Entry stored = Entry.zip(7, 100, STORED, new Unreadable(100));
        Entry deflated = Entry.zip(7, 100, DEFLATED, new Unreadable(60));

        assertThat(Differ.compareCheaply(stored, deflated)).isEqualTo(Differ.Sameness.UNKNOWN);
    }

    @Test
    void entriesWithoutACrcAreComparedByteForByte() throws IOException {
        Entry a = Entry.plain("same length, one letter differs: a");
        Entry b = Entry.plain("same length, one letter differs: b");

        assertThat(Differ.compareCheaply(a, b)).isEqualTo(Differ.Sameness.DIFFERENT);
        assertThat(Differ.compareCheaply(a, Entry.plain("same length, one letter differs: a")))
                .isEqualTo(Differ.Sameness.SAME);
    }

    /** A zip entry (CRC, size, method, raw bytes) or a tar-like one (only bytes in place). */
    private record Entry(long crc, long size, Optional<RawData> raw, Optional<ByteRange> bytes) implements ArchiveEntry {
        static Entry zip(long crc, long size, int method, ByteRange compressed) {
            return new Entry(crc, size, Optional.of(new RawData(method, compressed)),
                    method == STORED ? Optional.of(compressed) : Optional.empty());
        }

        static Entry plain(String content) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            return new Entry(-1, bytes.length, Optional.empty(), Optional.of(ByteRange.of(bytes)));
        }

        @Override
        public String name() {
            return "lib/a.jar";
        }

        @Override
        public InputStream openStream() throws IOException {
            throw new IOException("the test entry's content was read");
        }
    }

    /** Bytes that fail when read: proves a decision was made from metadata alone. */
    private record Unreadable(long length) implements ByteRange {
        @Override
        public SeekableByteChannel openChannel() throws IOException {
            throw new IOException("the bytes were read");
        }

        @Override
        public ByteRange slice(long offset, long len) {
            return new Unreadable(len);
        }
    }
}
