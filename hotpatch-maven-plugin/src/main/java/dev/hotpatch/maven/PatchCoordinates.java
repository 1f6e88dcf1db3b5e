package dev.hotpatch.maven;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * Where a patch lives in a repository, so that a hash maps to exactly one artifact:
 * {@code <baseline groupId>:<baseline artifactId>-hotpatch:<baseline version>-<hash12>}, extension
 * {@code jar}, no classifier. A baseline given as a file or URL has no coordinates; the project's
 * groupId, artifactId and version stand in for the baseline's.
 */
record PatchCoordinates(String groupId, String artifactId, String version) {
    static final int SHORT_HASH = 12;

    /**
     * @param baseline the baseline's coordinates, or null when it was a file or URL
     * @param project  the project's coordinates, used when the baseline has none
     * @param hash     the patch's full SHA-256
     */
    static PatchCoordinates of(Artifact baseline, Artifact project, String hash) {
        String shortHash = hash.substring(0, SHORT_HASH);
        Artifact base = baseline != null ? baseline : project;
        return new PatchCoordinates(base.getGroupId(), base.getArtifactId() + "-hotpatch",
                base.getBaseVersion() + "-" + shortHash);
    }

    Artifact artifact() {
        return new DefaultArtifact(groupId, artifactId, "jar", version);
    }

    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":jar:" + version;
    }
}
