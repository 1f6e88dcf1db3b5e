package dev.hotpatch.core.report;

import java.nio.file.Path;

/**
 * What was compared: how the user named it, the local file it resolved to, its SHA-256 and size
 * (null and -1 for a directory), the top folder paired away ("" for none), and for Maven
 * coordinates the repository that served it (else null).
 */
public record Provenance(String source, Path file, String sha256, long size, String root, String repository) {
    public Provenance withRoot(String newRoot) {
        return new Provenance(source, file, sha256, size, newRoot, repository);
    }
}
