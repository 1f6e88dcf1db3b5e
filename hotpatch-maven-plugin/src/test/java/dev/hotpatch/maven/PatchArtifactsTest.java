package dev.hotpatch.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.format.PatchCoordinates;
import org.apache.maven.plugin.MojoFailureException;
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

    @Test
    void declaredCoordinatesNameAFileBaseline() throws Exception {
        assertThat(PatchArtifacts.baseline(null, "com.acme.prod:shop:1.4.2", PROJECT, "shop.jar").toString())
                .isEqualTo("com.acme.prod:shop:jar:1.4.2");
        assertThat(PatchArtifacts.baseline(null, null, PROJECT, "shop.jar")).isSameAs(PROJECT);
    }

    @Test
    void withoutProjectOrDeclaredCoordinatesPublishingAsksForThem() {
        assertThatThrownBy(() -> PatchArtifacts.baseline(null, null, null, "deployed.jar"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("hotpatch.baseline=deployed.jar is a file or URL")
                .hasMessageContaining("-Dhotpatch.baselineCoordinates=groupId:artifactId:version");
    }

    @Test
    void declaredCoordinatesMustAgreeWithResolvedOnesAndBeComplete() {
        DefaultArtifact resolved = new DefaultArtifact("com.acme", "shop", "jar", "1.4.2");
        assertThatThrownBy(() -> PatchArtifacts.baseline(resolved, "com.acme:shop:1.4.3", null, "com.acme:shop:1.4.2"))
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("contradicts hotpatch.baseline");
        assertThatThrownBy(() -> PatchArtifacts.baseline(null, "com.acme:shop", null, "shop.jar"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("hotpatch.baselineCoordinates=com.acme:shop is not groupId:artifactId:version.");
    }
}
