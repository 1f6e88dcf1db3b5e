package dev.hotpatch.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.core.Json;
import dev.hotpatch.core.ReasonCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a failed run must leave in its output directory: its report and nothing a CI step could publish. */
public final class FailureReports {
    private FailureReports() {
    }

    /**
     * The directory holds report.json, summary.md and report.html and nothing else, and report.json
     * says FAILED with the reason and the location.
     *
     * @return the report.json tree, for further checks
     */
    public static JsonNode assertOnlyFailureReport(Path outputDirectory, ReasonCode reason, String location) {
        try (Stream<Path> files = Files.list(outputDirectory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("files left in the output directory after a failed run")
                    .containsExactlyInAnyOrder("report.json", "summary.md", "report.html");
            JsonNode report = Json.read(Files.readAllBytes(outputDirectory.resolve("report.json")));
            assertThat(report.path("status").asText()).isEqualTo("FAILED");
            assertThat(report.path("reason").asText()).isEqualTo(reason.name());
            assertThat(report.path("hash").isNull()).isTrue();
            if (location != null) {
                assertThat(report.path("location").asText()).isEqualTo(location);
            }
            String html = Files.readString(outputDirectory.resolve("report.html"));
            assertThat(html).contains("id=\"failure\"").contains("<code>" + reason.name() + "</code>");
            assertThat(Files.readString(outputDirectory.resolve("summary.md"))).contains("**FAILED** with `"
                    + reason.name() + "`");
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
