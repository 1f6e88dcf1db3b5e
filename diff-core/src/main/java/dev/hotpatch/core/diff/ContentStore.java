package dev.hotpatch.core.diff;

import dev.hotpatch.core.ScratchFiles;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.format.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The old and new bytes of changed entries, kept in scratch files named by their SHA-256, so the
 * stages after the diff (class analysis, patch writing) read them without reopening the artifacts.
 * Closing the store deletes it.
 */
public final class ContentStore implements AutoCloseable {
    private final Path dir;

    private ContentStore(Path dir) {
        this.dir = dir;
    }

    public static ContentStore createTemporary() {
        try {
            return new ContentStore(ScratchFiles.createDirectory("hotpatch-content"));
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, null, "Cannot create a scratch directory: " + e.getMessage(), e);
        }
    }

    /** Stores the stream's bytes (and closes it), returning their digest. */
    public Sha256.Digest put(InputStream stream) throws IOException {
        Path tmp = ScratchFiles.createFile(dir, "put", ".tmp");
        Sha256.Digest digest;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            digest = Sha256.of(stream, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Path target = dir.resolve(digest.hex());
        if (Files.exists(target)) {
            Files.delete(tmp);
        } else {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return digest;
    }

    public boolean contains(String sha256) {
        return Files.exists(dir.resolve(sha256));
    }

    /** The file holding the content with this digest. */
    public Path file(String sha256) {
        Path file = dir.resolve(sha256);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no stored content " + sha256);
        }
        return file;
    }

    public byte[] read(String sha256) throws IOException {
        return Files.readAllBytes(file(sha256));
    }

    @Override
    public void close() {
        ScratchFiles.deleteTree(dir);
    }
}
