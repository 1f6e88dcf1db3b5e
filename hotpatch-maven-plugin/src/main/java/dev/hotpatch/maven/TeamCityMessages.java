package dev.hotpatch.maven;

import java.nio.file.Path;
import java.util.List;

/**
 * TeamCity service messages handing the hash, verdict and coordinates to the build, and publishing
 * the output directory (patch, report.json, summary.md, report.html) as the artifact folder
 * {@code hotpatch}, where a report tab can show {@code hotpatch/report.html}.
 */
final class TeamCityMessages {
    private TeamCityMessages() {
    }

    static List<String> of(Handback handback) {
        String status = handback.hash().isEmpty() ? "hotpatch: no changes"
                : "hotpatch " + handback.shortHash() + " " + handback.verdict();
        return List.of(
                message("setParameter name='hotpatch.hash' value='" + escape(handback.hash()) + "'"),
                message("setParameter name='hotpatch.verdict' value='" + escape(handback.verdict()) + "'"),
                message("setParameter name='hotpatch.coordinates' value='" + escape(handback.coordinates()) + "'"),
                message("buildStatus text='{build.status.text}; " + escape(status) + "'"),
                message("publishArtifacts '" + escape(handback.reportFile().getParent().toString()) + " => hotpatch'"));
    }

    /** After a failed run: the status names the reason, and the report of the failure is published. */
    static List<String> ofFailure(Path outputDirectory, String reason) {
        return List.of(
                message("buildStatus text='{build.status.text}; hotpatch failed: " + escape(reason) + "'"),
                message("publishArtifacts '" + escape(outputDirectory.toString()) + " => hotpatch'"));
    }

    private static String message(String body) {
        return "##teamcity[" + body + "]";
    }

    /** Escapes a value for a service message: {@code | ' \n \r [ ]} and every non-ASCII character. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '|' -> out.append("||");
                case '\'' -> out.append("|'");
                case '\n' -> out.append("|n");
                case '\r' -> out.append("|r");
                case '[' -> out.append("|[");
                case ']' -> out.append("|]");
                default -> {
                    if (c > 0x7f) {
                        out.append(String.format("|0x%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
