package dev.hotpatch.maven;

import dev.hotpatch.format.PatchCoordinates;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;

/** Maven's view of {@link PatchCoordinates}. */
final class PatchArtifacts {
    private PatchArtifacts() {
    }

    /**
     * @param baseline the baseline's coordinates, or null when it was a file or URL
     * @param project  the project's coordinates, used when the baseline has none
     * @param hash     the patch's full SHA-256
     */
    static PatchCoordinates coordinates(Artifact baseline, Artifact project, String hash) {
        Artifact base = baseline != null ? baseline : project;
        return PatchCoordinates.of(base.getGroupId(), base.getArtifactId(), base.getBaseVersion(), hash);
    }

    static Artifact artifact(PatchCoordinates c) {
        return new DefaultArtifact(c.groupId(), c.artifactId(), PatchCoordinates.EXTENSION, c.version());
    }
}
