package dev.hotpatch.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * Turns what the user wrote for a build — a path, a {@code file:} or {@code http(s)://} URL, or
 * Maven coordinates {@code groupId:artifactId[:extension[:classifier]]:version} — into a local
 * file, resolving coordinates through the project's repositories.
 */
final class ArtifactLocator {
    private static final Pattern COORDINATES = Pattern.compile("[^:/\\\\\\s]+(:[^:/\\\\\\s]+){2,4}");

    /**
     * A located build: the file, for coordinates the repository that served it and the artifact
     * (both null otherwise), and whether the file is a download to delete after the run.
     */
    record Located(Path file, String source, String repository, Artifact coordinates, boolean temporary) { }

    private final RepositorySystem repositorySystem;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;
    private final Path basedir;
    private final UrlBaseline urls;

    ArtifactLocator(RepositorySystem repositorySystem, RepositorySystemSession session,
            List<RemoteRepository> repositories, Path basedir, UrlBaseline urls) {
        this.repositorySystem = repositorySystem;
        this.session = session;
        this.repositories = repositories;
        this.basedir = basedir;
        this.urls = urls;
    }

    Located locate(String what, String parameter) throws MojoFailureException {
        if (UrlBaseline.isUrl(what)) {
            Path file = urls.fetch(what, parameter);
            return new Located(file, what, null, null, !what.regionMatches(true, 0, "file:", 0, 5));
        }
        Path path = basedir.resolve(what);
        if (Files.exists(path)) {
            return new Located(path, what, null, null, false);
        }
        if (COORDINATES.matcher(what).matches()) {
            return resolve(what, parameter);
        }
        throw new MojoFailureException(parameter + " '" + what + "' does not exist: no file or directory " + path
                + ", and it is not Maven coordinates groupId:artifactId[:extension[:classifier]]:version."
                + " hotpatch never diffs against a missing build.");
    }

    private Located resolve(String coordinates, String parameter) throws MojoFailureException {
        String[] p = coordinates.split(":");
        DefaultArtifact artifact = switch (p.length) {
            case 3 -> new DefaultArtifact(p[0], p[1], "jar", p[2]);
            case 4 -> new DefaultArtifact(p[0], p[1], p[2], p[3]);
            default -> new DefaultArtifact(p[0], p[1], p[3], p[2], p[4]);
        };
        try {
            // Coordinates name a build in a repository: never let the reactor answer with the build
            // being diffed against it (same coordinates as the current project).
            RepositorySystemSession repositoriesOnly = new DefaultRepositorySystemSession(session).setWorkspaceReader(null);
            ArtifactResult result = repositorySystem.resolveArtifact(repositoriesOnly,
                    new ArtifactRequest(artifact, repositories, null));
            File file = result.getArtifact().getFile();
            ArtifactRepository from = result.getRepository();
            String repository = from instanceof RemoteRepository remote
                    ? remote.getId() + " (" + remote.getUrl() + ")" : from == null ? null : from.getId();
            return new Located(file.toPath(), coordinates, repository, result.getArtifact(), false);
        } catch (ArtifactResolutionException e) {
            throw new MojoFailureException("Cannot resolve " + parameter + " " + coordinates + " from "
                    + repositories.stream().map(RemoteRepository::getUrl).toList() + ": " + e.getMessage()
                    + ". hotpatch never diffs against a missing build.", e);
        }
    }
}
