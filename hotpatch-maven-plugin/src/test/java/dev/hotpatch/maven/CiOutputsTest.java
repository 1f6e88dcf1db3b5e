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
}
