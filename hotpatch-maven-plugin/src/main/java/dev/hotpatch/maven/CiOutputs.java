package dev.hotpatch.maven;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.maven.plugin.logging.Log;

/**
 * Hands the result back: a console summary always, TeamCity service messages when
 * {@code TEAMCITY_VERSION} is set, GitHub Actions step outputs and step summary when
 * {@code GITHUB_OUTPUT} / {@code GITHUB_STEP_SUMMARY} are set.
 */
final class CiOutputs {
    private final Map<String, String> environment;
    private final PrintStream stdout;
    private final Log log;

    CiOutputs(Map<String, String> environment, PrintStream stdout, Log log) {
        this.environment = environment;
        this.stdout = stdout;
        this.log = log;
    }

    void write(Handback handback) throws IOException {
        log.info("hotpatch hash: " + (handback.hash().isEmpty() ? "(no changes, no patch)" : handback.hash()));
        log.info("hotpatch verdict: " + handback.verdict());
        if (!handback.coordinates().isEmpty()) {
            log.info("hotpatch coordinates: " + handback.coordinates() + " (" + handback.publication() + ")");
        }
        if (environment.get("TEAMCITY_VERSION") != null) {
            // printed bare on stdout: TeamCity reads service messages from the build's output lines
            TeamCityMessages.of(handback).forEach(stdout::println);
            stdout.flush();
        }
        Path outputs = path("GITHUB_OUTPUT");
        if (outputs != null) {
            append(outputs, "hash=" + handback.hash() + "\nverdict=" + handback.verdict() + "\ncoordinates="
                    + handback.coordinates() + "\n");
        }
        Path summary = path("GITHUB_STEP_SUMMARY");
        if (summary != null) {
            String published = handback.coordinates().isEmpty() ? ""
                    : "\nPatch `" + handback.coordinates() + "` (" + handback.publication() + ").\n";
            append(summary, Files.readString(handback.summaryFile(), StandardCharsets.UTF_8) + published + "\n");
        }
    }

    /**
     * After a failed run that wrote its report: TeamCity publishes it and names the reason in the
     * status; the GitHub step summary shows summary.md. Nothing is handed back as a hash or verdict.
     */
    void writeFailure(Path outputDirectory, String reason) throws IOException {
        Path report = outputDirectory.resolve("summary.md");
        if (!Files.isRegularFile(report)) {
            return;
        }
        if (environment.get("TEAMCITY_VERSION") != null) {
            TeamCityMessages.ofFailure(outputDirectory, reason).forEach(stdout::println);
            stdout.flush();
        }
        Path summary = path("GITHUB_STEP_SUMMARY");
        if (summary != null) {
            append(summary, Files.readString(report, StandardCharsets.UTF_8) + "\n");
        }
    }

    private Path path(String variable) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
