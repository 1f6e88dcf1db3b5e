package dev.hotpatch.maven;

import dev.hotpatch.format.PatchCoordinates;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.ScratchFiles;
import dev.hotpatch.format.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.DefaultSessionData;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;

/**
 * Puts a patch archive into a remote repository with Maven Resolver, never overwriting: an
 * artifact already there with the same SHA-256 is left alone, one with a different SHA-256 fails
 * the build. After an upload the artifact is downloaded back from the remote and its SHA-256
 * checked. Every remote read goes to a fresh temporary local repository, never the user's.
 */
final class Publisher {
    /** What publishing did. */
    enum Outcome { PUBLISHED, ALREADY_PUBLISHED }

    /** Where the patch is now and what publishing did to get it there. */
    record Publication(PatchCoordinates coordinates, Outcome outcome) { }

    /** How often and how patiently transient failures are retried; the delay doubles each time. */
    record Retry(int retries, long firstDelayMillis) {
        static final long MAX_DELAY_MILLIS = 30_000;
    }

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final Retry retry;
    private final Log log;

    Publisher(RepositorySystem system, RepositorySystemSession session, Retry retry, Log log) {
        this.system = system;
        this.session = session;
        this.retry = retry;
        this.log = log;
    }

    Publication publish(Path file, String sha256, PatchCoordinates coordinates, RemoteRepository repository) {
        String where = coordinates + " in " + describe(repository);
        Optional<String> existing = remoteSha256(coordinates, repository, "look up");
        if (existing.isPresent()) {
            if (existing.get().equals(sha256)) {
                log.info("Patch already published: " + where + " (SHA-256 " + sha256 + ")");
                return new Publication(coordinates, Outcome.ALREADY_PUBLISHED);
            }
            throw failure(coordinates + " already exists in " + describe(repository) + " with SHA-256 "
                    + existing.get() + ", but this patch's SHA-256 is " + sha256 + ". hotpatch never overwrites"
                    + " a published patch: find out which build produced the published one.", null);
        }
        withRetries("upload", coordinates, repository, scratch -> {
            system.deploy(scratchSession(scratch), new DeployRequest().setRepository(repository)
                    .addArtifact(PatchArtifacts.artifact(coordinates).setFile(file.toFile())));
            return null;
        });
        String uploaded = remoteSha256(coordinates, repository, "download back")
                .orElseThrow(() -> failure("The upload of " + where + " reported success, but the artifact cannot be"
                        + " downloaded back. Check the repository's configuration.", null));
        if (!uploaded.equals(sha256)) {
            throw failure("Downloaded " + where + " back after the upload and got SHA-256 " + uploaded
                    + " instead of " + sha256 + ". The repository altered the file; do not use it.", null);
        }
        log.info("Published " + where + " and verified its SHA-256 by downloading it back");
        return new Publication(coordinates, Outcome.PUBLISHED);
    }

    /** Downloads the artifact into a fresh local repository: its SHA-256, or empty when it is not there. */
    private Optional<String> remoteSha256(PatchCoordinates coordinates, RemoteRepository repository, String action) {
        return withRetries(action, coordinates, repository, scratch -> {
            try {
                Path downloaded = system.resolveArtifact(scratchSession(scratch),
                        new ArtifactRequest(PatchArtifacts.artifact(coordinates), List.of(repository), null)).getArtifact()
                        .getFile().toPath();
                return Optional.of(Sha256.of(downloaded).hex());
            } catch (Exception e) {
                if (TransferFailure.of(e) == TransferFailure.NOT_FOUND) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private interface RemoteCall<T> {
        T run(Path scratchRepository) throws Exception;
    }

    private <T> T withRetries(String action, PatchCoordinates coordinates, RemoteRepository repository,
            RemoteCall<T> call) {
        long delay = retry.firstDelayMillis();
        for (int attempt = 1; ; attempt++) {
            Path scratch = createScratch();
            try {
                return call.run(scratch);
            } catch (Exception e) {
                TransferFailure kind = TransferFailure.of(e);
                if (kind == TransferFailure.UNAUTHORIZED) {
                    throw failure("The repository refused access (401/403) to " + action + " " + coordinates
                            + ": server id '" + repository.getId() + "', URL " + repository.getUrl()
                            + ". Check the <server> with id '" + repository.getId() + "' in settings.xml.", e);
                }
                if (kind != TransferFailure.TRANSIENT || attempt > retry.retries()) {
                    throw failure("Could not " + action + " " + coordinates + " in " + describe(repository)
                            + (kind == TransferFailure.TRANSIENT ? " after " + attempt + " attempts" : "")
                            + ": " + e.getMessage(), e);
                }
                log.warn("Attempt " + attempt + " to " + action + " " + coordinates + " in " + describe(repository)
                        + " failed (" + e.getMessage() + "); retrying in " + delay + " ms");
                sleep(delay);
                delay = Math.min(delay * 2, Retry.MAX_DELAY_MILLIS);
            } finally {
                ScratchFiles.deleteTree(scratch);
            }
        }
    }

    /**
     * The user's session with a throw-away local repository, no reactor, no cached results, and the
     * transport's own retries off so that {@link Retry} alone decides.
     */
    private RepositorySystemSession scratchSession(Path localRepository) {
        DefaultRepositorySystemSession s = new DefaultRepositorySystemSession(session);
        s.setWorkspaceReader(null);
        s.setCache(null);
        s.setData(new DefaultSessionData());
        s.setUpdatePolicy(RepositoryPolicy.UPDATE_POLICY_ALWAYS);
        s.setConfigProperty("aether.connector.http.retryHandler.count", 0);
        s.setLocalRepositoryManager(system.newLocalRepositoryManager(s, new LocalRepository(localRepository.toFile())));
        return s;
    }

    private static Path createScratch() {
        try {
            return Files.createTempDirectory("hotpatch-publish-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("Interrupted while waiting to retry publishing", e);
        }
    }

    static String describe(RemoteRepository repository) {
        return "repository '" + repository.getId() + "' (" + repository.getUrl() + ")";
    }

    private static HotpatchException failure(String message, Throwable cause) {
        return new HotpatchException(ReasonCode.PUBLISH_FAILED, null, message, cause);
    }
}
