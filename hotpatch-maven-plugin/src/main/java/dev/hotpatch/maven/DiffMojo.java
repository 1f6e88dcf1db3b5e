package dev.hotpatch.maven;

import dev.hotpatch.format.PatchCoordinates;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.OptionNames;
import dev.hotpatch.core.ScratchFiles;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.patch.PatchArchive;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.toolchain.ToolchainManager;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Compares the deployed build with the branch build and writes a minimal, reproducible patch
 * archive, its SHA-256, {@code report.json} and {@code summary.md} to the output directory.
 */
@Mojo(name = "diff", defaultPhase = LifecyclePhase.PACKAGE, requiresProject = false, threadSafe = true)
public class DiffMojo extends AbstractMojo {
    /** How a build sets the options the core's messages advise: this goal's user properties. */
    static final OptionNames OPTION_NAMES = new OptionNames("-Dhotpatch.skipCompilerCheck=true",
            "-Dhotpatch.failOnRestartRequired=false", "-Dhotpatch.maxNestingDepth=N", "-Dhotpatch.maxEntries=N",
            "-Dhotpatch.maxTotalBytes=N", "-Dhotpatch.maxCompressionRatio=N");

    /**
     * The deployed build: a file or directory, a {@code file:} or {@code http(s)://} URL, or
     * coordinates {@code g:a[:ext[:classifier]]:v}.
     */
    @Parameter(property = "hotpatch.baseline", required = true)
    private String baseline;

    /** The branch build: a file, directory or coordinates. Defaults to the project's packaged main artifact. */
    @Parameter(property = "hotpatch.target")
    private String target;

    /**
     * Where the patch, its {@code .sha256}, {@code report.json} and {@code summary.md} go. Defaults to
     * {@code ${project.build.directory}/hotpatch}, or {@code target/hotpatch} in the current directory when
     * Maven runs without a project.
     */
    @Parameter(property = "hotpatch.outputDirectory")
    private File outputDirectory;

    /** Skip the goal. */
    @Parameter(property = "hotpatch.skip", defaultValue = "false")
    private boolean skip;

    /** Further paths to ignore, as globs ({@code **}{@code /} crosses directories and nested archives). */
    @Parameter(property = "hotpatch.ignores")
    private List<String> ignores = List.of();

    /** Whether to ignore build metadata (git.properties, build-info, SBOMs, manifest build attributes). */
    @Parameter(property = "hotpatch.defaultIgnores", defaultValue = "true")
    private boolean defaultIgnores;

    /** How deep to descend into archives inside archives (a jar in a fat jar is depth 1). */
    @Parameter(property = "hotpatch.maxNestingDepth", defaultValue = "" + ReadLimits.DEFAULT_NESTING_DEPTH)
    private int maxNestingDepth;

    /** How many entries one archive may hold. */
    @Parameter(property = "hotpatch.maxEntries", defaultValue = "" + ReadLimits.DEFAULT_MAX_ENTRIES)
    private int maxEntries;

    /** How many uncompressed bytes one run may read, over all archives (64 GiB by default). */
    @Parameter(property = "hotpatch.maxTotalBytes", defaultValue = "" + ReadLimits.DEFAULT_MAX_TOTAL_BYTES)
    private long maxTotalBytes;

    /** How much one entry may expand when inflated, once past 1 MiB (a zip-bomb guard). */
    @Parameter(property = "hotpatch.maxCompressionRatio", defaultValue = "" + ReadLimits.DEFAULT_MAX_COMPRESSION_RATIO)
    private int maxCompressionRatio;

    /** Warn instead of failing when the two builds were made by different compilers. */
    @Parameter(property = "hotpatch.skipCompilerCheck", defaultValue = "false")
    private boolean skipCompilerCheck;

    /** Fail the build (after writing the report) when the patch needs a restart. */
    @Parameter(property = "hotpatch.failOnRestartRequired", defaultValue = "true")
    private boolean failOnRestartRequired;

    /** The settings.xml {@code <server>} whose credentials download an {@code http(s)://} baseline. */
    @Parameter(property = "hotpatch.baselineServerId")
    private String baselineServerId;

    /**
     * The Maven coordinates {@code groupId:artifactId:version} of the deployed build when {@code hotpatch.baseline}
     * is a file or URL. They name the published patch ({@code groupId:artifactId-hotpatch:version-<hash>});
     * without them the project's coordinates stand in, and without a project publishing fails asking for them.
     */
    @Parameter(property = PatchArtifacts.BASELINE_COORDINATES)
    private String baselineCoordinates;

    /** The repository to publish the patch to; without it, the project's distributionManagement. */
    @Parameter(property = "hotpatch.repositoryUrl")
    private String repositoryUrl;

    /** The id of {@code hotpatch.repositoryUrl}: the settings.xml {@code <server>} holding its credentials. */
    @Parameter(property = "hotpatch.repositoryId", defaultValue = PublishDestination.DEFAULT_ID)
    private String repositoryId;

    /** Whether to publish the patch; by default it is published when a repository is configured. */
    @Parameter(property = "hotpatch.publish")
    private Boolean publish;

    /** How often a transient publishing failure (5xx, timeout, refused connection) is retried. */
    @Parameter(property = "hotpatch.publishRetries", defaultValue = "3")
    private int publishRetries;

    /** Milliseconds before the first retry; the delay doubles with each retry (at most 30 s). */
    @Parameter(property = "hotpatch.publishRetryDelay", defaultValue = "2000")
    private long publishRetryDelay;

    /** Try the patch in a throwaway JVM (the agent's own code) before it is published. */
    @Parameter(property = "hotpatch.dryRun", defaultValue = "true")
    private boolean dryRun;

    /** The JDK whose JVM answers the dry run; by default {@code dryRunToolchain}, else the JDK running Maven. */
    @Parameter(property = "hotpatch.dryRunJdk")
    private File dryRunJdk;

    /** Requirements of a JDK toolchain (toolchains.xml) for the dry run, e.g. {@code <version>21</version>}. */
    @Parameter
    private Map<String, String> dryRunToolchain;

    /** Seconds the dry run's JVM may take before it is stopped (and the build fails). */
    @Parameter(property = "hotpatch.dryRunTimeout", defaultValue = "60")
    private int dryRunTimeout;

    /** The dry run's JVM heap ({@code -Xmx}). */
    @Parameter(property = "hotpatch.dryRunMaxHeap", defaultValue = "512m")
    private String dryRunMaxHeap;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    private PluginDescriptor plugin;

    /** The project being built; a stand-in without a pom when Maven runs without a project. */
    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** The Maven session: repositories, settings and where Maven was started. */
    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    private final RepositorySystem repositorySystem;
    private final ToolchainManager toolchains;

    @Inject
    public DiffMojo(RepositorySystem repositorySystem, ToolchainManager toolchains) {
        this.repositorySystem = repositorySystem;
        this.toolchains = toolchains;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hotpatch:diff skipped (hotpatch.skip)");
            return;
        }
        ArtifactLocator locator = new ArtifactLocator(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories(), basedir(),
                new UrlBaseline(session.getRepositorySession(), baselineServerId));
        ArtifactLocator.Located from = locator.locate(baseline, "hotpatch.baseline");
        if (destination().isPresent()) {
            // a parameter problem fails before the diff, not after minutes of work
            PatchArtifacts.baseline(from.coordinates(), baselineCoordinates, projectArtifact(), baseline);
        }
        ArtifactLocator.Located to = null;
        try {
            to = target == null ? mainArtifact() : locator.locate(target, "hotpatch.target");
            diff(from, to);
        } finally {
            deleteDownload(from);
            deleteDownload(to);
        }
    }

    private static void deleteDownload(ArtifactLocator.Located located) {
        if (located != null && located.temporary()) {
            ScratchFiles.deleteTree(located.file());
        }
    }

    private void diff(ArtifactLocator.Located from, ArtifactLocator.Located to)
            throws MojoExecutionException, MojoFailureException {
        try {
            DiffRequest request = DiffRequest.builder(from.file(), to.file(), outputDirectory())
                    .baselineSource(from.source(), from.repository())
                    .targetSource(to.source())
                    .limits(new ReadLimits(maxNestingDepth, maxEntries, maxTotalBytes, maxCompressionRatio))
                    .ignoreRules(IgnoreRules.of(defaultIgnores, ignores))
                    .skipCompilerCheck(skipCompilerCheck)
                    .failOnRestartRequired(failOnRestartRequired)
                    .optionNames(OPTION_NAMES)
                    .dryRun(DryRunSettings.options(dryRun, dryRunJdk, dryRunToolchain, dryRunTimeout, dryRunMaxHeap,
                            plugin, toolchains, session))
                    .build();
            DiffResult result = new Hotpatch(new MavenLogListener(getLog())).assess(request);
            getLog().info("Report: " + result.reportFile());
            // a patch that needs a restart is not published, but CI still hears the verdict
            boolean publishable = result.patch().isPresent() && result.restartFailure().isEmpty();
            Publisher.Publication publication = publishable ? publish(result, from) : null;
            new CiOutputs(System.getenv(), System.out, getLog()).write(Handback.of(result, publication));
            if (result.restartFailure().isPresent()) { // already handed back above
                throw new MojoFailureException(result.restartFailure().get().getMessage(),
                        result.restartFailure().get());
            }
        } catch (HotpatchException e) {
            try {
                new CiOutputs(System.getenv(), System.out, getLog()).writeFailure(outputDirectory(),
                        e.reason().name());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the CI outputs: " + e.getMessage(), e);
        }
    }

    /** Publishes the written patch when a repository is configured (or publishing is forced); else null. */
    private Publisher.Publication publish(DiffResult result, ArtifactLocator.Located from) throws MojoFailureException {
        Optional<RemoteRepository> destination = destination();
        if (Boolean.FALSE.equals(publish) || destination.isEmpty() && publish == null) {
            return null;
        }
        RepositorySystemSession repositorySession = session.getRepositorySession();
        RemoteRepository repository = repositorySystem.newDeploymentRepository(repositorySession,
                destination.orElseThrow(() -> new MojoFailureException("hotpatch.publish is true but no repository"
                        + " is configured: set -Dhotpatch.repositoryUrl=... and -Dhotpatch.repositoryId=<settings.xml"
                        + " server id>, or the project's <distributionManagement>.")));
        PatchArchive patch = result.patch().orElseThrow();
        PatchCoordinates coordinates = PatchArtifacts.coordinates(
                PatchArtifacts.baseline(from.coordinates(), baselineCoordinates, projectArtifact(), baseline), null,
                patch.sha256());
        return new Publisher(repositorySystem, repositorySession,
                new Publisher.Retry(publishRetries, publishRetryDelay), getLog())
                .publish(patch.file(), patch.sha256(), coordinates, repository);
    }

    /** Where the patch goes when publishing is on: empty when there is nothing to publish to or it is off. */
    private Optional<RemoteRepository> destination() {
        return Boolean.FALSE.equals(publish) ? Optional.empty()
                : PublishDestination.of(repositoryUrl, repositoryId, hasProject() ? project : null);
    }

    /** Maven gives a stand-in project ({@code standalone-pom}) without a basedir when run without a pom. */
    private boolean hasProject() {
        return project != null && project.getBasedir() != null;
    }

    /** What relative paths are relative to: the project's directory, or where Maven was started. */
    private Path basedir() {
        return hasProject() ? project.getBasedir().toPath()
                : Path.of(session.getRequest().getBaseDirectory()).toAbsolutePath();
    }

    private Path outputDirectory() {
        if (outputDirectory != null) {
            return basedir().resolve(outputDirectory.toPath());
        }
        return hasProject() ? Path.of(project.getBuild().getDirectory(), "hotpatch")
                : basedir().resolve("target").resolve("hotpatch");
    }

    private DefaultArtifact projectArtifact() {
        return hasProject() ? new DefaultArtifact(project.getGroupId(), project.getArtifactId(), "jar",
                project.getVersion()) : null;
    }

    private ArtifactLocator.Located mainArtifact() throws MojoFailureException {
        if (!hasProject()) {
            throw new MojoFailureException("There is no project here (no pom.xml), so there is no branch build to"
                    + " default to: set -Dhotpatch.target=<file or coordinates>.");
        }
        File file = project.getArtifact() == null ? null : project.getArtifact().getFile();
        if (file == null || !file.isFile()) {
            throw new MojoFailureException("The project's main artifact is not packaged yet, so there is no branch"
                    + " build to compare. Run 'mvn package hotpatch:diff', bind hotpatch:diff after the package"
                    + " phase, or set -Dhotpatch.target=<file or coordinates>.");
        }
        Path path = file.toPath();
        return new ArtifactLocator.Located(path, project.getId(), null, null, false);
    }
}
