package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An uncompressed tar read in place (compressed tars are first inflated to a scratch file). Regular
 * files are entries; a symbolic or hard link is an entry whose content is the text
 * {@code link -> target}, so a changed link shows as a change and a link is never followed.
 */
final class TarArchive implements Archive {
    private final String location;
    private final EntryPath path;
    private final ArchiveFormat format;
    private final TarFile tar;
    private final List<ArchiveEntry> entries;
    private final Runnable onClose;

    TarArchive(String location, EntryPath path, ArchiveFormat format, ByteRange bytes, ReadLimits limits,
            Runnable onClose) {
        this.location = location;
        this.path = path;
        this.format = format;
        this.onClose = onClose;
        SeekableByteChannel channel = null;
        try {
            channel = bytes.openChannel();
            // names decoded as UTF-8 whatever the platform's charset is
            this.tar = new TarFile(channel, TarConstants.DEFAULT_BLKSIZE, TarConstants.DEFAULT_RCDSIZE,
                    StandardCharsets.UTF_8.name(), false);
            List<ArchiveEntry> list = new ArrayList<>();
            for (TarArchiveEntry e : tar.getEntries()) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = EntryNames.normalize(e.getName(), location);
                if (e.isSymbolicLink() || e.isLink()) {
                    byte[] text = ("link -> " + e.getLinkName()).getBytes(StandardCharsets.UTF_8);
                    list.add(new Entry(name, text.length, null, ByteRange.of(text)));
                } else if (e.isFile()) {
                    boolean inPlace = !e.isSparse() && e.getDataOffset() >= 0
                            && e.getDataOffset() + e.getSize() <= bytes.length();
                    list.add(new Entry(name, e.getSize(), e,
                            inPlace ? bytes.slice(e.getDataOffset(), e.getSize()) : null));
                }
                // devices, fifos: no content a JVM loads
            }
            this.entries = EntryNames.sortedUnique(list, location, limits);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            if (e instanceof HotpatchException he) {
                throw he;
            }
            throw new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, location,
                    "Cannot read this as a tar archive: " + e.getMessage() + ". The file is damaged or truncated.", e);
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
        return format;
    }

    @Override
    public List<ArchiveEntry> entries() {
        return entries;
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException ignored) {
            // read-only
        } finally {
            onClose.run();
        }
    }

    private final class Entry implements ArchiveEntry {
        private final String name;
        private final long size;
        private final TarArchiveEntry file;
        private final ByteRange inPlace;

        /** {@code file} is null for a link, whose content is {@code inPlace}. */
        Entry(String name, long size, TarArchiveEntry file, ByteRange inPlace) {
            this.name = name;
            this.size = size;
            this.file = file;
            this.inPlace = inPlace;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public long crc() {
            return -1;
        }

        @Override
        public InputStream openStream() throws IOException {
            if (inPlace != null) {
                return inPlace.openStream();
            }
            return file == null ? new ByteArrayInputStream(new byte[0]) : tar.getInputStream(file);
        }

        @Override
        public Optional<ByteRange> bytes() {
            return Optional.ofNullable(inPlace);
        }
    }
}
