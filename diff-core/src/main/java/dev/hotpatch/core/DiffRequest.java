package dev.hotpatch.core;

import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.dryrun.DryRunOptions;
import dev.hotpatch.core.report.HtmlReport;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything one run needs. Built by the mojo or the CLI with {@link #builder}.
 *
 * @param baseline        the deployed build (file or directory)
 * @param target          the branch build
 * @param outputDirectory where the patch, its {@code .sha256}, {@code report.json}, {@code summary.md} and
 *                        {@code report.html} go
 * @param baselineSource  how the user named the baseline (path, coordinates, URL), for the report
 * @param targetSource    how the user named the target
 * @param baselineRepository the repository that served the baseline, or null
 * @param skipCompilerCheck  when true, builds by different compilers give a warning instead of failing
 * @param failOnRestartRequired when true, a patch that needs a restart fails the run after the report is written
 * @param optionNames     how the caller's users set options, for messages that say what to do
 * @param dryRun          whether and how the patch is tried in a throwaway JVM ({@link DryRunOptions#OFF} by default)
 */
public record DiffRequest(Path baseline, Path target, Path outputDirectory, ReadLimits limits, IgnoreRules ignoreRules,
        String baselineSource, String targetSource, String baselineRepository, boolean skipCompilerCheck,
        boolean failOnRestartRequired, OptionNames optionNames, DryRunOptions dryRun) {

    public static final String ARCHIVE_NAME = "hotpatch.jar";
    public static final String REPORT_NAME = "report.json";
    public static final String SUMMARY_NAME = "summary.md";

    public DiffRequest {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(ignoreRules, "ignoreRules");
        Objects.requireNonNull(optionNames, "optionNames");
        dryRun = dryRun == null ? DryRunOptions.OFF : dryRun;
        baselineSource = baselineSource == null ? baseline.toString() : baselineSource;
        targetSource = targetSource == null ? target.toString() : targetSource;
    }

    public static Builder builder(Path baseline, Path target, Path outputDirectory) {
        return new Builder(baseline, target, outputDirectory);
    }

    public Path archiveFile() {
        return outputDirectory.resolve(ARCHIVE_NAME);
    }

    public Path hashFile() {
        return outputDirectory.resolve(ARCHIVE_NAME + ".sha256");
    }

    public Path reportFile() {
        return outputDirectory.resolve(REPORT_NAME);
    }

    public Path summaryFile() {
        return outputDirectory.resolve(SUMMARY_NAME);
    }

    /** {@code report.html}, the page a reviewer reads. */
    public Path htmlReportFile() {
        return outputDirectory.resolve(HtmlReport.NAME);
    }

    /** Small builder so callers set only what differs from the defaults. */
    public static final class Builder {
        private final Path baseline;
        private final Path target;
        private final Path outputDirectory;
        private ReadLimits limits = ReadLimits.DEFAULTS;
        private IgnoreRules ignoreRules = IgnoreRules.defaults();
        private String baselineSource;
        private String targetSource;
        private String baselineRepository;
        private boolean skipCompilerCheck;
        private boolean failOnRestartRequired = true;
        private OptionNames optionNames = OptionNames.JAVA_API;
        private DryRunOptions dryRun = DryRunOptions.OFF;

        private Builder(Path baseline, Path target, Path outputDirectory) {
            this.baseline = baseline;
            this.target = target;
            this.outputDirectory = outputDirectory;
        }

        public Builder limits(ReadLimits value) {
            this.limits = value;
            return this;
        }

        public Builder ignoreRules(IgnoreRules value) {
            this.ignoreRules = value;
            return this;
        }

        public Builder baselineSource(String value, String repository) {
            this.baselineSource = value;
            this.baselineRepository = repository;
            return this;
        }

        public Builder targetSource(String value) {
            this.targetSource = value;
            return this;
        }

        public Builder skipCompilerCheck(boolean value) {
            this.skipCompilerCheck = value;
            return this;
        }

        public Builder failOnRestartRequired(boolean value) {
            this.failOnRestartRequired = value;
            return this;
        }

        /** How the caller's users set options: messages name them so ({@link OptionNames#JAVA_API} by default). */
        public Builder optionNames(OptionNames value) {
            this.optionNames = value;
            return this;
        }

        /** Whether and how the patch is tried in a throwaway JVM ({@link DryRunOptions#OFF} by default). */
        public Builder dryRun(DryRunOptions value) {
            this.dryRun = value;
            return this;
        }

        public DiffRequest build() {
            return new DiffRequest(baseline, target, outputDirectory, limits, ignoreRules, baselineSource,
                    targetSource, baselineRepository, skipCompilerCheck, failOnRestartRequired, optionNames,
                    dryRun);
        }
    }
}
