package dev.hotpatch.maven;

import dev.hotpatch.format.PatchCoordinates;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;

/** Maven's view of {@link PatchCoordinates}. */
final class PatchArtifacts {
    /** The parameter that names the deployed build when it is a file or URL. */
    static final String BASELINE_COORDINATES = "hotpatch.baselineCoordinates";

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

    /**
     * The coordinates that name the patch's artifact: those the baseline was resolved with, else
     * those given with {@code hotpatch.baselineCoordinates}, else the project's.
     *
     * @param resolved the coordinates the baseline was resolved with, or null (a file or URL)
     * @param declared {@code hotpatch.baselineCoordinates} ({@code groupId:artifactId:version}), or null
     * @param project  the project's coordinates, or null when Maven runs without a project
     * @param baseline how the user named the baseline, for the message
     */
    static Artifact baseline(Artifact resolved, String declared, Artifact project, String baseline)
            throws MojoFailureException {
        Artifact given = declared == null || declared.isBlank() ? null : parse(declared);
        if (resolved != null) {
            if (given != null && !(given.getGroupId().equals(resolved.getGroupId())
                    && given.getArtifactId().equals(resolved.getArtifactId())
                    && given.getBaseVersion().equals(resolved.getBaseVersion()))) {
                throw new MojoFailureException(BASELINE_COORDINATES + "=" + declared + " contradicts hotpatch.baseline="
                        + baseline + ", which already names the deployed build's coordinates; drop one of them.");
            }
            return resolved;
        }
        if (given != null) {
            return given;
        }
        if (project == null) {
            throw new MojoFailureException("Publishing needs the deployed build's Maven coordinates to name the patch,"
                    + " but hotpatch.baseline=" + baseline + " is a file or URL and there is no project to take them"
                    + " from. Set -D" + BASELINE_COORDINATES + "=groupId:artifactId:version, or"
                    + " -Dhotpatch.publish=false to only write the patch.");
        }
        return project;
    }

    private static Artifact parse(String coordinates) throws MojoFailureException {
        String[] p = coordinates.trim().split(":", -1);
        if (p.length != 3 || p[0].isBlank() || p[1].isBlank() || p[2].isBlank()) {
            throw new MojoFailureException(BASELINE_COORDINATES + "=" + coordinates
                    + " is not groupId:artifactId:version.");
        }
        return new DefaultArtifact(p[0], p[1], "jar", p[2]);
    }

    static Artifact artifact(PatchCoordinates c) {
        return new DefaultArtifact(c.groupId(), c.artifactId(), PatchCoordinates.EXTENSION, c.version());
    }
}
