package dev.hotpatch.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The artifact this JVM was started from: its SHA-256 (a patch must name it) and the original
 * bytes of its classes, which undo a patch. Patches are always applied to these originals.
 */
final class DeployedArtifact {
    private final Path file;
    private String sha256;

    DeployedArtifact(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    synchronized String sha256() throws IOException {
        if (sha256 == null) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        return sha256;
    }

    /** The original bytes at a {@code !/} path, or null when the deployed artifact has none there. */
    byte[] read(String path) throws IOException {
        String[] segments = path.split("!/");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(segments[0]);
            if (entry == null) {
                return null;
            }
            byte[] bytes = zip.getInputStream(entry).readAllBytes();
            for (int i = 1; i < segments.length && bytes != null; i++) {
                bytes = nested(bytes, segments[i]);
            }
            return bytes;
        }
    }

    private static byte[] nested(byte[] archive, String name) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return zip.readAllBytes();
                }
            }
        }
        return null;
    }
}
