package dev.hotpatch.core.patch;

import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.format.Sha256;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.report.OutputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Writes a patch archive: {@code hotpatch.json} first, then the new content of every added or
 * modified entry under {@code entries/<path>} in path order. The file is written next to its
 * destination and moved into place, so it is either complete or absent.
 */
public final class PatchWriter {

    public PatchArchive write(PatchManifest manifest, ContentStore store, Path destination) {
        Path tmp = null;
        try {
            tmp = OutputFiles.tempFileNextTo(destination);
            MessageDigest md = Sha256.newDigest();
            long size;
            try (OutputStream file = Files.newOutputStream(tmp);
                    DigestOutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(file, 1 << 16), md);
                    ZipWriter zip = new ZipWriter(out)) {
                zip.add(PatchManifest.NAME, manifest.toJson());
                for (PatchManifest.Entry e : manifest.changes()) {
                    if (e.contentName() == null) {
                        continue;
                    }
                    Path content = store.file(e.newSha256());
                    long length = Files.size(content);
                    try (InputStream in = Files.newInputStream(content)) {
                        zip.add(e.contentName(), crc(content), length, in);
                    }
                }
            }
            size = Files.size(tmp);
            Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return new PatchArchive(destination, HexFormat.of().formatHex(md.digest()), size);
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.IO_ERROR, destination.toString(),
                    "Cannot write the patch archive: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temp file, not a half-written patch
                }
            }
        }
    }

    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
            }
        }
        return crc.getValue();
    }
}
