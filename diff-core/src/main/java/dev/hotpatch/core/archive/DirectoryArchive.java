package dev.hotpatch.core.archive;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A plain directory tree (an exploded build). Symbolic links are not followed. */
final class DirectoryArchive implements Archive {
    private final Path root;
    private final List<ArchiveEntry> entries;

    DirectoryArchive(Path root, ReadLimits limits) {
        this.root = root;
        RegularFiles list = new RegularFiles(root);
        try {
            Files.walkFileTree(root, list);
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, root.toString(),
                    "Cannot list the directory: " + e.getMessage(), e);
        }
        this.entries = EntryNames.sortedUnique(list.found, root.toString(), limits);
    }

    /**
     * The regular files under the root, named by their relative path with '/' between the parts.
     * Links are not followed: a link is visited as itself, and it is not a regular file.
     */
    private static final class RegularFiles extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<ArchiveEntry> found = new ArrayList<>();

        RegularFiles(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
                StringBuilder name = new StringBuilder();
                for (Path part : root.relativize(file)) {
                    if (name.length() > 0) {
                        name.append('/');
                    }
                    name.append(part);
                }
                found.add(new Entry(name.toString(), file));
            }
            return FileVisitResult.CONTINUE;
        }
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
