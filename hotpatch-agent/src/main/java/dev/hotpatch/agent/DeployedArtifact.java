package dev.hotpatch.agent;

import dev.hotpatch.format.Sha256;
import java.io.IOException;
import java.nio.file.Path;

/** The artifact this JVM was started from; a patch must name its SHA-256. */
final class DeployedArtifact {
    private final Path file;
    private String sha256;

    DeployedArtifact(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Computed once, on the agent's thread, the first time a patch is checked. */
    synchronized String sha256() throws IOException {
        if (sha256 == null) {
            sha256 = Sha256.of(file).hex();
        }
        return sha256;
    }

    /** The SHA-256 when it is known, else "". */
    synchronized String knownSha256() {
        return sha256 == null ? "" : sha256;
    }
}
