package dev.hotpatch.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds test archives in memory: {@code TestArchives.zip().add("a.txt", "x").stored("lib/b.jar",
 * innerBytes).bytes()}. Entries keep the order they were added in.
 */
public final class TestArchives {
    private TestArchives() {
    }

    public static ZipBuilder zip() {
        return new ZipBuilder();
    }

    public static TarBuilder tar() {
        return new TarBuilder();
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip; entries are deflated unless added with {@link #stored}. */
    public static final class ZipBuilder {
        private record Item(byte[] content, boolean stored) { }

        private final Map<String, Item> entries = new LinkedHashMap<>();
        private long time = 315532800000L + 86_400_000L; // 1980-01-02, a fixed time

        public ZipBuilder add(String name, String content) {
            return add(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public ZipBuilder add(String name, byte[] content) {
            entries.put(name, new Item(content, false));
            return this;
        }

        /** An uncompressed entry, as Spring Boot stores nested jars. */
        public ZipBuilder stored(String name, byte[] content) {
            entries.put(name, new Item(content, true));
            return this;
        }

        public ZipBuilder remove(String name) {
            entries.remove(name);
            return this;
        }

        /** A different timestamp on every entry: same content, different bytes. */
        public ZipBuilder time(long millis) {
            this.time = millis;
            return this;
        }

        public ZipBuilder copy() {
            ZipBuilder c = new ZipBuilder();
            c.entries.putAll(entries);
            c.time = time;
            return c;
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, Item> e : entries.entrySet()) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setTime(time);
                    byte[] content = e.getValue().content();
                    if (e.getValue().stored()) {
                        CRC32 crc = new CRC32();
                        crc.update(content);
                        entry.setMethod(ZipEntry.STORED);
                        entry.setSize(content.length);
                        entry.setCompressedSize(content.length);
                        entry.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(entry);
                    zip.write(content);
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        public Path write(Path file) {
            return TestArchives.write(file, bytes());
        }
    }

    /** A tar, optionally gzipped. Entries keep their order; a name added twice is written twice. */
    public static final class TarBuilder {
        private record Item(String name, byte[] content, byte linkType, String linkTarget) { }

        private final List<Item> items = new ArrayList<>();

        public TarBuilder add(String name, String content) {
            return add(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public TarBuilder add(String name, byte[] content) {
            items.add(new Item(name, content, TarArchiveEntry.LF_NORMAL, null));
            return this;
        }

        public TarBuilder symlink(String name, String target) {
            items.add(new Item(name, new byte[0], TarArchiveEntry.LF_SYMLINK, target));
            return this;
        }

        public TarBuilder hardLink(String name, String target) {
            items.add(new Item(name, new byte[0], TarArchiveEntry.LF_LINK, target));
            return this;
        }

        public byte[] tarBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (Item item : items) {
                    TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.linkType());
                    entry.setModTime(86_400_000L);
                    if (item.linkTarget() != null) {
                        entry.setLinkName(item.linkTarget());
                    } else {
                        entry.setSize(item.content().length);
                    }
                    tar.putArchiveEntry(entry);
                    tar.write(item.content());
                    tar.closeArchiveEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        public byte[] tarGzBytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
                gz.write(tarBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
