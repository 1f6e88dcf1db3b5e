package dev.hotpatch.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.maven.model.DeploymentRepository;
import org.apache.maven.model.DistributionManagement;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;

class PublishDestinationTest {

    private static MavenProject projectDeployingTo(String id, String url) {
        Model model = new Model();
        if (url != null) {
            DeploymentRepository releases = new DeploymentRepository();
            releases.setId(id);
            releases.setUrl(url);
            DistributionManagement dm = new DistributionManagement();
            dm.setRepository(releases);
            model.setDistributionManagement(dm);
        }
        return new MavenProject(model);
    }

    @Test
    void theConfiguredUrlWinsOverDistributionManagement() {
        RemoteRepository r = PublishDestination.of("https://patches.example.com/repo", "patches",
                projectDeployingTo("releases", "https://releases.example.com")).orElseThrow();

        assertThat(r.getId()).isEqualTo("patches");
        assertThat(r.getUrl()).isEqualTo("https://patches.example.com/repo");
    }

    @Test
    void aUrlWithoutIdGetsTheDefaultId() {
        assertThat(PublishDestination.of("https://patches.example.com/repo", null, null).orElseThrow().getId())
                .isEqualTo(PublishDestination.DEFAULT_ID);
    }

    @Test
    void fallsBackToTheProjectsReleaseRepository() {
        RemoteRepository r = PublishDestination.of(null, PublishDestination.DEFAULT_ID,
                projectDeployingTo("releases", "https://releases.example.com")).orElseThrow();

        assertThat(r.getId()).isEqualTo("releases");
        assertThat(r.getUrl()).isEqualTo("https://releases.example.com");
    }

    @Test
    void noRepositoryAnywhereMeansNoPublishing() {
        assertThat(PublishDestination.of(" ", PublishDestination.DEFAULT_ID, projectDeployingTo(null, null))).isEmpty();
    }
}
