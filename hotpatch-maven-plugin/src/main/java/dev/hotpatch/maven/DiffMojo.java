package dev.hotpatch.maven;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.IgnoreRules;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Compares the deployed build with the branch build and writes a minimal, reproducible patch
 * archive, its SHA-256, {@code report.json} and {@code summary.md} to the output directory.
 */
@Mojo(name = "diff", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class DiffMojo extends AbstractMojo {

    /** The deployed build: a file or directory, or coordinates {@code g:a[:ext[:classifier]]:v}. */
    @Parameter(property = "hotpatch.baseline", required = true)
    private String baseline;

    /** The branch build: a file, directory or coordinates. Defaults to the project's packaged main artifact. */
    @Parameter(property = "hotpatch.target")
    private String target;

    @Parameter(property = "hotpatch.outputDirectory", defaultValue = "${project.build.directory}/hotpatch")
    private File outputDirectory;

    @Parameter(property = "hotpatch.skip", defaultValue = "false")
    private boolean skip;

    /** Further paths to ignore, as globs ({@code **}{@code /} crosses directories and nested archives). */
    @Parameter(property = "hotpatch.ignores")
    private List<String> ignores = List.of();

    /** Whether to ignore build metadata (git.properties, build-info, SBOMs, manifest build attributes). */
    @Parameter(property = "hotpatch.defaultIgnores", defaultValue = "true")
    private boolean defaultIgnores;

    @Parameter(property = "hotpatch.maxNestingDepth", defaultValue = "" + ReadLimits.DEFAULT_NESTING_DEPTH)
    private int maxNestingDepth;

    @Parameter(property = "hotpatch.maxEntries", defaultValue = "" + ReadLimits.DEFAULT_MAX_ENTRIES)
    private int maxEntries;

    @Parameter(property = "hotpatch.maxTotalBytes", defaultValue = "" + ReadLimits.DEFAULT_MAX_TOTAL_BYTES)
    private long maxTotalBytes;

    @Parameter(property = "hotpatch.maxCompressionRatio", defaultValue = "" + ReadLimits.DEFAULT_MAX_COMPRESSION_RATIO)
    private int maxCompressionRatio;

    /** Warn instead of failing when the two builds were made by different compilers. */
    @Parameter(property = "hotpatch.skipCompilerCheck", defaultValue = "false")
    private boolean skipCompilerCheck;

    /** Fail the build (after writing the report) when the patch needs a restart. */
    @Parameter(property = "hotpatch.failOnRestartRequired", defaultValue = "true")
    private boolean failOnRestartRequired;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    private final RepositorySystem repositorySystem;

    @Inject
    public DiffMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hotpatch:diff skipped (hotpatch.skip)");
            return;
        }
        ArtifactLocator locator = new ArtifactLocator(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories(), project.getBasedir().toPath());
        ArtifactLocator.Located from = locator.locate(baseline, "hotpatch.baseline");
        ArtifactLocator.Located to = target == null ? mainArtifact() : locator.locate(target, "hotpatch.target");
        try {
            DiffRequest request = DiffRequest.builder(from.file(), to.file(), outputDirectory.toPath())
                    .baselineSource(from.source(), from.repository())
                    .targetSource(to.source())
                    .limits(new ReadLimits(maxNestingDepth, maxEntries, maxTotalBytes, maxCompressionRatio))
                    .ignoreRules(IgnoreRules.of(defaultIgnores, ignores))
                    .skipCompilerCheck(skipCompilerCheck)
                    .failOnRestartRequired(failOnRestartRequired)
                    .build();
            DiffResult result = new Hotpatch(new MavenLogListener(getLog())).diff(request);
            getLog().info("Report: " + result.reportFile());
        } catch (HotpatchException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private ArtifactLocator.Located mainArtifact() throws MojoFailureException {
        File file = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (file == null || !file.isFile()) {
            throw new MojoFailureException("The project's main artifact is not packaged yet, so there is no branch"
                    + " build to compare. Run 'mvn package hotpatch:diff', bind hotpatch:diff after the package"
                    + " phase, or set -Dhotpatch.target=<file or coordinates>.");
        }
        Path path = file.toPath();
        return new ArtifactLocator.Located(path, project.getId(), null);
    }
}
