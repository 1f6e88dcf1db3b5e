package dev.hotpatch.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiOutputsTest {
    private static final String HASH = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private Handback handback() throws Exception {
        Path summary = Files.writeString(dir.resolve("summary.md"), "# hotpatch\n\n- verdict: **HOT_SWAPPABLE**\n");
        return new Handback(HASH, "HOT_SWAPPABLE", "g:a-hotpatch:jar:1.0-0123456789ab", "already published",
                dir.resolve("report.json"), summary);
    }

    private void write(Map<String, String> environment) throws Exception {
        new CiOutputs(environment, new PrintStream(stdout, true, StandardCharsets.UTF_8), new SystemStreamLog())
                .write(handback());
    }

    @Test
    void appendsGitHubStepOutputsAndSummaryToTheFilesNamedByTheEnvironment() throws Exception {
        Path output = Files.writeString(dir.resolve("output"), "earlier=1\n");
        Path summary = dir.resolve("step-summary.md");

        write(Map.of("GITHUB_OUTPUT", output.toString(), "GITHUB_STEP_SUMMARY", summary.toString()));

        assertThat(Files.readAllLines(output)).containsExactly("earlier=1", "hash=" + HASH, "verdict=HOT_SWAPPABLE",
                "coordinates=g:a-hotpatch:jar:1.0-0123456789ab");
        assertThat(Files.readString(summary)).startsWith("# hotpatch\n\n- verdict: **HOT_SWAPPABLE**\n")
                .contains("Patch `g:a-hotpatch:jar:1.0-0123456789ab` (already published).");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain("##teamcity");
    }

    @Test
    void printsServiceMessagesOnlyUnderTeamCity() throws Exception {
        write(Map.of("TEAMCITY_VERSION", "2025.07"));

        assertThat(stdout.toString(StandardCharsets.UTF_8).lines())
                .contains("##teamcity[setParameter name='hotpatch.hash' value='" + HASH + "']")
                .hasSize(5);
    }

    @Test
    void writesNoFilesOutsideACiServer() throws Exception {
        write(Map.of());

        assertThat(stdout.size()).isZero();
        assertThat(dir).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("summary.md"));
    }

    @Test
    void aFailedRunsReportIsPublishedToTeamCityAndShownInTheGitHubSummary() throws Exception {
        Files.writeString(dir.resolve("summary.md"), "# hotpatch\n\n**FAILED** with `CORRUPT_ARCHIVE`: ...\n");
        Path summary = dir.resolve("step-summary.md");

        new CiOutputs(Map.of("TEAMCITY_VERSION", "2025.07", "GITHUB_STEP_SUMMARY", summary.toString()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new SystemStreamLog())
                .writeFailure(dir, "CORRUPT_ARCHIVE");

        assertThat(stdout.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "##teamcity[buildStatus text='{build.status.text}; hotpatch failed: CORRUPT_ARCHIVE']",
                "##teamcity[publishArtifacts '" + TeamCityMessages.escape(dir.toString()) + " => hotpatch']");
        assertThat(Files.readString(summary)).contains("**FAILED** with `CORRUPT_ARCHIVE`");
    }

    @Test
    void aRunThatFailedBeforeWritingAReportHandsNothingBack() throws Exception {
        new CiOutputs(Map.of("TEAMCITY_VERSION", "2025.07"), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new SystemStreamLog()).writeFailure(dir.resolve("nothing-here"), "INPUT_MISSING");

        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
