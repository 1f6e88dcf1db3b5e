package dev.hotpatch.maven;

import dev.hotpatch.fleet.FleetException;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.FleetStore;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.format.PatchCoordinates;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.repository.AuthenticationContext;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Writes a rollout to the fleet's store: the published patch with this hash, for all hosts that
 * run its deployed build, some of them by name or glob ({@code hotpatch.hosts}), or a stable
 * percentage ({@code hotpatch.percent}). The patch must be in the repository with that SHA-256
 * and hot-swappable; otherwise nothing is written. {@code -Dhotpatch.delete} deletes the rollout instead.
 */
@Mojo(name = "rollout", requiresProject = false, threadSafe = true)
public class RolloutMojo extends AbstractMojo {
    /** The store: {@code etcd://host:port[,host:port...]/prefix}. */
    @Parameter(property = "hotpatch.fleet", required = true)
    private String fleet;

    /** The deployed build the patch was made for, as coordinates {@code groupId:artifactId[:...]:version}. */
    @Parameter(property = "hotpatch.baseline")
    private String baseline;

    /** The patch's SHA-256, as hotpatch:diff handed it back. */
    @Parameter(property = "hotpatch.hash")
    private String hash;

    /** Take this share of the hosts (0-100), stable per host: raising it only adds hosts. */
    @Parameter(property = "hotpatch.percent")
    private Integer percent;

    /** Take these hosts: names or globs ({@code web-0*}), comma-separated. */
    @Parameter(property = "hotpatch.hosts")
    private List<String> hosts;

    /** The rollout's id; by default {@code <artifactId>-hotpatch-<version>-<hash12>}. */
    @Parameter(property = "hotpatch.rolloutId")
    private String rolloutId;

    /** A note for operators, stored with the rollout. */
    @Parameter(property = "hotpatch.note")
    private String note;

    /** Delete the rollout {@code hotpatch.rolloutId}: its hosts go back to the rollout before it, or to no patch. */
    @Parameter(property = "hotpatch.delete", defaultValue = "false")
    private boolean delete;

    /** The repository the agents download patches from; without it, the project's distributionManagement. */
    @Parameter(property = "hotpatch.repositoryUrl")
    private String repositoryUrl;

    /** The settings.xml {@code <server>} holding the repository's credentials. */
    @Parameter(property = "hotpatch.repositoryId", defaultValue = PublishDestination.DEFAULT_ID)
    private String repositoryId;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            FleetStore store = new FleetStore(FleetLocation.parse(fleet));
            if (delete) {
                if (rolloutId == null || rolloutId.isBlank()) {
                    throw new MojoFailureException("-Dhotpatch.delete needs -Dhotpatch.rolloutId=<the rollout to delete>");
                }
                getLog().info(store.delete(rolloutId) ? "Deleted rollout " + rolloutId + " from " + store.location()
                        : "No rollout " + rolloutId + " in " + store.location() + "; nothing deleted");
                return;
            }
            RemoteRepository repository = PublishDestination.of(repositoryUrl, repositoryId, project)
                    .orElseThrow(() -> new MojoFailureException("No repository to check the patch in: set"
                            + " -Dhotpatch.repositoryUrl to the repository the agents download from."));
            Rollout rollout = store.rollOut(URI.create(repository.getUrl()), authorization(repository), coordinates(),
                    required(hash, "hotpatch.hash").toLowerCase(java.util.Locale.ROOT), target(), rolloutId, note,
                    Instant.now());
            getLog().info("Rolled out " + rollout.patch().label() + " to " + rollout.target() + " of the hosts running "
                    + rollout.baselineSha256() + ": " + store.location().rolloutKey(rollout.id()));
        } catch (FleetException | IOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while writing to " + fleet, e);
        }
    }

    private PatchCoordinates coordinates() throws MojoFailureException {
        String[] parts = required(baseline, "hotpatch.baseline").split(":");
        if (parts.length < 3) {
            throw new MojoFailureException("hotpatch.baseline '" + baseline + "' is not groupId:artifactId[:...]:version,"
                    + " the coordinates of the deployed build the patch was made for");
        }
        return PatchCoordinates.of(parts[0], parts[1], parts[parts.length - 1], required(hash, "hotpatch.hash"));
    }

    private Rollout.Target target() throws MojoFailureException {
        boolean byHost = hosts != null && !hosts.isEmpty();
        if (percent != null && byHost) {
            throw new MojoFailureException("Give hotpatch.percent or hotpatch.hosts, not both");
        }
        try {
            return percent != null ? Rollout.Target.percent(percent)
                    : byHost ? Rollout.Target.hosts(hosts.stream().flatMap(h -> Arrays.stream(h.split(",")))
                            .map(String::trim).filter(h -> !h.isEmpty()).toList())
                    : Rollout.Target.all();
        } catch (FleetException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    /** Basic credentials of the repository's {@code <server>}, or null when settings.xml has none. */
    private String authorization(RemoteRepository repository) {
        if (session == null) {
            return null;
        }
        RemoteRepository withAuth = new RemoteRepository.Builder(repository).setAuthentication(
                session.getRepositorySession().getAuthenticationSelector().getAuthentication(repository)).build();
        try (AuthenticationContext auth = AuthenticationContext.forRepository(session.getRepositorySession(), withAuth)) {
            if (auth == null || auth.get(AuthenticationContext.USERNAME) == null) {
                return null;
            }
            String pair = auth.get(AuthenticationContext.USERNAME) + ":"
                    + (auth.get(AuthenticationContext.PASSWORD) == null ? "" : auth.get(AuthenticationContext.PASSWORD));
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String required(String value, String property) throws MojoFailureException {
        if (value == null || value.isBlank()) {
            throw new MojoFailureException("Missing -D" + property);
        }
        return value;
    }
}
