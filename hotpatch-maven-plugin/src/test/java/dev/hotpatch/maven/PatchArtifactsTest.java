package dev.hotpatch.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.format.PatchCoordinates;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.junit.jupiter.api.Test;

class PatchArtifactsTest {
    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final DefaultArtifact PROJECT = new DefaultArtifact("com.acme", "shop", "jar", "1.5-SNAPSHOT");

    @Test
    void followsTheBaselinesCoordinates() {
        PatchCoordinates c = PatchArtifacts.coordinates(new DefaultArtifact("com.acme.prod", "shop-app", "war", "1.4.2"),
                PROJECT, HASH);

        assertThat(c.toString()).isEqualTo("com.acme.prod:shop-app-hotpatch:jar:1.4.2-0123456789ab");
    }

    @Test
    void aBaselineWithoutCoordinatesUsesTheProjects() {
        PatchCoordinates c = PatchArtifacts.coordinates(null, PROJECT, HASH);

        assertThat(c.toString()).isEqualTo("com.acme:shop-hotpatch:jar:1.5-SNAPSHOT-0123456789ab");
        assertThat(PatchArtifacts.artifact(c).isSnapshot()).as("a patch version is never a snapshot").isFalse();
    }
}
