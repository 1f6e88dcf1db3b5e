package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A plain directory tree (an exploded build). Symbolic links are not followed. */
final class DirectoryArchive implements Archive {
    private final Path root;
    private final List<ArchiveEntry> entries;

    DirectoryArchive(Path root, ReadLimits limits) {
        this.root = root;
        List<ArchiveEntry> list = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                StringBuilder name = new StringBuilder();
                for (Path part : root.relativize(p)) {
                    if (name.length() > 0) {
                        name.append('/');
                    }
                    name.append(part);
                }
                list.add(new Entry(name.toString(), p));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, root.toString(),
                    "Cannot list the directory: " + e.getMessage(), e);
        }
        this.entries = EntryNames.sortedUnique(list, root.toString(), limits);
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public EntryPath path() {
        return EntryPath.ROOT;
    }

    @Override
    public ArchiveFormat format() {
        return ArchiveFormat.DIRECTORY;
    }

    @Override
    public List<ArchiveEntry> entries() {
        return entries;
    }

    @Override
    public void close() {
        // nothing held open
    }

    private record Entry(String name, Path file) implements ArchiveEntry {
        @Override
        public long size() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public long crc() {
            return -1;
        }

        @Override
        public InputStream openStream() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public Optional<ByteRange> bytes() {
            long size = size();
            return size < 0 ? Optional.empty() : Optional.of(ByteRange.of(file, size));
        }
    }
}
