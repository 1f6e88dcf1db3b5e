package dev.hotpatch.maven;

import java.util.Optional;
import org.apache.maven.model.DeploymentRepository;
import org.apache.maven.model.DistributionManagement;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Which repository a patch goes to: {@code hotpatch.repositoryUrl} (with {@code hotpatch.repositoryId}
 * naming the settings.xml {@code <server>}), else the project's distributionManagement release
 * repository (a patch version is never a SNAPSHOT).
 */
final class PublishDestination {
    /** The repository id used when only a URL is given. */
    static final String DEFAULT_ID = "hotpatch";

    private PublishDestination() {
    }

    static Optional<RemoteRepository> of(String url, String id, MavenProject project) {
        if (url != null && !url.isBlank()) {
            return Optional.of(remote(id == null || id.isBlank() ? DEFAULT_ID : id, url));
        }
        DistributionManagement dm = project == null ? null : project.getDistributionManagement();
        DeploymentRepository repository = dm == null ? null : dm.getRepository();
        if (repository == null || repository.getUrl() == null) {
            return Optional.empty();
        }
        return Optional.of(remote(repository.getId(), repository.getUrl()));
    }

    private static RemoteRepository remote(String id, String url) {
        return new RemoteRepository.Builder(id, "default", url).build();
    }
}
