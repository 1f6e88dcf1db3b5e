package dev.hotpatch.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Temporary working files of a run: created under the system temp directory, removed at the end.
 *
 * <p>Names are made here rather than by {@link Files#createTempDirectory}, whose first call seeds a
 * {@code SecureRandom} from system entropy (it lists the whole temp directory, among others): tens
 * of milliseconds of a short run. Unpredictable names are not needed: a directory is created
 * atomically (an existing one, whoever made it, is never used) and only its owner may enter it, and
 * the files in it are created new.
 */
public final class ScratchFiles {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final FileAttribute<?>[] OWNER_ONLY =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0];

    private ScratchFiles() {
    }

    /** A new directory only its owner can use, under the system temp directory. */
    public static Path createDirectory(String prefix) throws IOException {
        return createDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** A new directory only its owner can use, under {@code parent}. */
    public static Path createDirectory(Path parent, String prefix) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(uniqueName(prefix, "")), OWNER_ONLY);
            } catch (FileAlreadyExistsException taken) {
                // another process (or an earlier run of this PID) has that name: take the next
            }
        }
    }

    /** A new empty file in {@code dir}, named {@code prefix...suffix}. */
    public static Path createFile(Path dir, String prefix, String suffix) throws IOException {
        while (true) {
            try {
                return Files.createFile(dir.resolve(uniqueName(prefix, suffix)));
            } catch (FileAlreadyExistsException taken) {
                // take the next
            }
        }
    }

    private static String uniqueName(String prefix, String suffix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "-"
                + COUNTER.incrementAndGet() + suffix;
    }

    /** Deletes a directory tree, best effort: what cannot be deleted is left to the OS's temp cleaner. */
    public static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
                    Files.deleteIfExists(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
