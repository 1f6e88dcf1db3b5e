package dev.hotpatch.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The central-directory reader agrees with the JDK's own zip reader, which is what a JVM loads classes with. */
class ZipDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatTheJdkReads() throws IOException {
        byte[] zip = zip(new byte[0]);
        Path file = Files.write(dir.resolve("a.jar"), zip);

        List<ZipDirectory.Record> records = read(zip);

        try (ZipFile jdk = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> expected = Collections.list(jdk.entries());
            assertThat(records).hasSameSizeAs(expected);
            for (int i = 0; i < records.size(); i++) {
                ZipDirectory.Record r = records.get(i);
                ZipEntry e = expected.get(i);
                assertThat(r.name()).isEqualTo(e.getName());
                assertThat(r.crc()).isEqualTo(e.getCrc());
                assertThat(r.size()).isEqualTo(e.getSize());
                assertThat(r.compressedSize()).isEqualTo(e.getCompressedSize());
                assertThat(r.method()).isEqualTo(e.getMethod());
                assertThat(r.isDirectory()).isEqualTo(e.isDirectory());
                assertThat(localName(zip, r)).isEqualTo(r.name());
            }
        }
    }

    /** A launch script in front of an executable jar shifts every offset; the JVM still runs such a jar. */
    @Test
    void bytesInFrontOfTheArchiveShiftTheLocalHeaders() throws IOException {
        byte[] script = "#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.US_ASCII);
        byte[] zip = zip(script);

        List<ZipDirectory.Record> records = read(zip);

        assertThat(records).extracting(ZipDirectory.Record::name).contains("com/acme/A.class", "META-INF/");
        for (ZipDirectory.Record r : records) {
            assertThat(r.header()).isGreaterThanOrEqualTo(script.length);
            assertThat(localName(zip, r)).isEqualTo(r.name());
        }
    }

    @Test
    void aUnicodePathFieldNamesTheEntryOnlyWhenItBelongsToTheRawName() throws IOException {
        byte[] raw = "caf?.txt".getBytes(StandardCharsets.US_ASCII);
        byte[] matching = unicodePath(raw, "caf\u00e9.txt", crc(raw));
        byte[] stale = unicodePath(raw, "other.txt", crc(raw) ^ 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (byte[] extra : List.of(matching, stale)) {
                ZipEntry e = new ZipEntry(extra == matching ? "caf?.txt" : "caf?/stale.txt");
                e.setExtra(extra);
                z.putNextEntry(e);
                z.write('x');
                z.closeEntry();
            }
        }

        List<ZipDirectory.Record> records = read(out.toByteArray());

        assertThat(records.get(0).name()).isEqualTo("caf\u00e9.txt");
        assertThat(records.get(0).unicodePath()).isTrue();
        assertThat(records.get(1).name()).isEqualTo("caf?/stale.txt");
        assertThat(records.get(1).unicodePath()).isFalse();
    }

    @Test
    void anEndRecordThatMiscountsTheDirectoryIsRefused() throws IOException {
        byte[] zip = zip(new byte[0]);
        int end = zip.length - 22;
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(end + 8, (short) (b.getShort(end + 8) + 1));
        b.putShort(end + 10, (short) (b.getShort(end + 10) + 1));

        assertThatThrownBy(() -> read(zip)).isInstanceOf(IOException.class).hasMessageContaining("counts");
    }

    /** Directories do not count against the limit; past it, files are counted, not kept. */
    @Test
    void pastTheLimitFilesAreCountedNotKept() throws IOException {
        byte[] zip = zip(new byte[0]); // META-INF/, META-INF/stored.txt, com/acme/A.class
        try (SeekableByteChannel ch = ByteRange.of(zip).openChannel()) {
            ZipDirectory.Directory all = ZipDirectory.read(ch, zip.length, 2);
            assertThat(all.files()).isEqualTo(2);
            assertThat(all.records()).hasSize(3);

            ZipDirectory.Directory capped = ZipDirectory.read(ch, zip.length, 1);
            assertThat(capped.files()).isEqualTo(2);
            assertThat(capped.records()).extracting(ZipDirectory.Record::name)
                    .containsExactly("META-INF/", "META-INF/stored.txt");
        }
    }

    /** Exactly 65535 entries fit the plain end record; not every tool adds ZIP64 records then. */
    @Test
    void sixtyFiveThousandFiveHundredThirtyFiveEntriesWithoutZip64AreRead() throws IOException {
        ByteArrayOutputStream cen = new ByteArrayOutputStream();
        int entries = 0xFFFF;
        for (int i = 0; i < entries; i++) {
            byte[] name = ("d" + i + "/").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer r = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                    .putInt(0).putInt(0).putInt(0).putInt(0).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0).put(name);
            cen.write(r.array());
        }
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries)
                .putShort((short) entries).putInt(cen.size()).putInt(0).putShort((short) 0);
        cen.write(end.array());
        byte[] zip = cen.toByteArray();

        try (SeekableByteChannel ch = ByteRange.of(zip).openChannel()) {
            ZipDirectory.Directory d = ZipDirectory.read(ch, zip.length, 1000);
            assertThat(d.records()).hasSize(entries);
            assertThat(d.files()).isZero();
        }
    }

    @Test
    void aFileWithoutAnEndRecordIsNotAZip() {
        byte[] notZip = "PK\u0003\u0004 but nothing else".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(notZip)).isInstanceOf(IOException.class)
                .hasMessageContaining("no end of central directory record");
    }

    private static List<ZipDirectory.Record> read(byte[] zip) throws IOException {
        try (SeekableByteChannel ch = ByteRange.of(zip).openChannel()) {
            return new ArrayList<>(ZipDirectory.read(ch, zip.length, 1000).records());
        }
    }

    private static String localName(byte[] zip, ZipDirectory.Record r) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) r.header();
        assertThat(b.getInt(at)).isEqualTo(0x04034b50);
        int length = Short.toUnsignedInt(b.getShort(at + 26));
        return new String(zip, at + 30, length, StandardCharsets.UTF_8);
    }

    /** A jar with a directory, a stored and a deflated entry, after {@code prefix}. */
    private static byte[] zip(byte[] prefix) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(prefix);
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("META-INF/"));
            z.closeEntry();
            byte[] stored = "stored bytes".getBytes(StandardCharsets.UTF_8);
            ZipEntry s = new ZipEntry("META-INF/stored.txt");
            s.setMethod(ZipEntry.STORED);
            s.setSize(stored.length);
            s.setCrc(crc(stored));
            z.putNextEntry(s);
            z.write(stored);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("com/acme/A.class"));
            z.write("deflated, deflated, deflated, deflated".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return out.toByteArray();
    }

    private static long crc(byte[] bytes) {
        CRC32 c = new CRC32();
        c.update(bytes);
        return c.getValue();
    }

    private static byte[] unicodePath(byte[] rawName, String name, long nameCrc) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 5 + utf8.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x7075).putShort((short) (5 + utf8.length)).put((byte) 1).putInt((int) nameCrc).put(utf8);
        return b.array();
    }
}
