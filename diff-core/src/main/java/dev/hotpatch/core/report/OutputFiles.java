package dev.hotpatch.core.report;

import dev.hotpatch.core.ScratchFiles;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes output files so that each is either complete or absent: a temp file, then an atomic move. */
public final class OutputFiles {
    private OutputFiles() {
    }

    public static void write(Path file, byte[] content) {
        Path tmp = null;
        try {
            tmp = tempFileNextTo(file);
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, file.toString(), "Cannot write the file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * A new empty file in the directory of {@code file} (created if needed), with the permissions
     * an ordinary new file gets (the umask's), to be moved onto {@code file} once complete.
     */
    public static Path tempFileNextTo(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return ScratchFiles.createFile(dir, ".hotpatch", ".tmp");
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, file.toString(),
                    "Cannot remove the output of an earlier run: " + e.getMessage(), e);
        }
    }
}
