package dev.hotpatch.maven;

import dev.hotpatch.core.dryrun.DryRunOptions;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

/**
 * Turns the dry-run parameters into {@link DryRunOptions}: the agent jar is the plugin's own
 * {@code hotpatch-agent} dependency; the JVM that answers is {@code hotpatch.dryRunJdk}, else the
 * JDK toolchain matching {@code <dryRunToolchain>} (toolchains.xml), else the one running Maven.
 */
final class DryRunSettings {
    static final String AGENT = "dev.hotpatch:hotpatch-agent";

    private DryRunSettings() {
    }

    static DryRunOptions options(boolean enabled, File jdk, Map<String, String> toolchain, int timeoutSeconds,
            String maxHeap, PluginDescriptor plugin, ToolchainManager toolchains, MavenSession session)
            throws MojoFailureException {
        if (!enabled) {
            return DryRunOptions.OFF;
        }
        Artifact agent = plugin == null ? null : plugin.getArtifactMap().get(AGENT);
        if (agent == null || agent.getFile() == null) {
            throw new MojoFailureException("The plugin's " + AGENT + " dependency (the dry run's JVM side) is"
                    + " missing. Set -Dhotpatch.dryRun=false to skip the dry run.");
        }
        Path home = jdk != null ? jdk.toPath() : toolchainHome(toolchain, toolchains, session);
        try {
            return DryRunOptions.with(agent.getFile().toPath()).javaHome(home)
                    .timeout(Duration.ofSeconds(timeoutSeconds)).maxHeap(maxHeap);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("Bad dry-run setting: " + e.getMessage());
        }
    }

    /** The home of the JDK toolchain matching the requirements, or null (the running JDK) when none are given. */
    private static Path toolchainHome(Map<String, String> requirements, ToolchainManager toolchains,
            MavenSession session) throws MojoFailureException {
        if (requirements == null || requirements.isEmpty()) {
            return null;
        }
        List<Toolchain> found = toolchains.getToolchains(session, "jdk", requirements);
        if (found.isEmpty()) {
            throw new MojoFailureException("No JDK toolchain in toolchains.xml matches <dryRunToolchain> "
                    + requirements + ". Add one, or name a JDK with -Dhotpatch.dryRunJdk=/path.");
        }
        String java = found.get(0).findTool("java");
        if (java == null) {
            throw new MojoFailureException("The JDK toolchain " + found.get(0) + " has no bin/java.");
        }
        return Path.of(java).toAbsolutePath().getParent().getParent();
    }
}
