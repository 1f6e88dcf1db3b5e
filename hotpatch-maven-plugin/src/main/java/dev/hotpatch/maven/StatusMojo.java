package dev.hotpatch.maven;

import dev.hotpatch.fleet.FleetException;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.FleetStore;
import dev.hotpatch.fleet.StatusTable;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the fleet's status table from the store: per rollout the hosts it targets and how many
 * applied, are pending, refused (with their reasons) or are stale. Fails while a rollout has
 * refused hosts, so CI can gate the next stage of a rollout on it.
 */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractMojo {
    /** The store: {@code etcd://host:port[,host:port...]/prefix}. */
    @Parameter(property = "hotpatch.fleet", required = true)
    private String fleet;

    /** Also write the table as JSON to this file. */
    @Parameter(property = "hotpatch.statusJson")
    private File statusJson;

    /** Seconds after a rollout was written from which a still pending host counts as stale. */
    @Parameter(property = "hotpatch.staleAfterSeconds", defaultValue = "120")
    private long staleAfterSeconds;

    /** Fail when a rollout has hosts that refused it. */
    @Parameter(property = "hotpatch.failOnRefused", defaultValue = "true")
    private boolean failOnRefused;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        StatusTable table;
        try {
            table = new FleetStore(FleetLocation.parse(fleet)).status(Instant.now(), Duration.ofSeconds(staleAfterSeconds));
        } catch (FleetException | IOException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted while reading " + fleet, e);
        }
        table.text().lines().forEach(getLog()::info);
        if (statusJson != null) {
            try {
                Files.createDirectories(statusJson.getAbsoluteFile().toPath().getParent());
                Files.writeString(statusJson.toPath(), table.json(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot write " + statusJson + ": " + e.getMessage(), e);
            }
        }
        if (failOnRefused && table.hasRefusals()) {
            long refused = table.rows().stream().mapToLong(r -> r.count(StatusTable.State.REFUSED)).sum();
            throw new MojoFailureException(refused + (refused == 1 ? " host refused" : " hosts refused")
                    + " its rollout (reasons above); fix the patch or the targeting, or pass -Dhotpatch.failOnRefused=false");
        }
    }
}
