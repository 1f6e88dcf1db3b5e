package dev.hotpatch.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.classfile.SwapReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reason catalogue has one source, the enums; docs/reasons.md must show the same text, so a
 * reader of the docs and a reader of report.html see the same explanation and advice.
 */
class CatalogueTest {
    private static final Path DOC = Path.of("..", "docs", "reasons.md");

    @Test
    void everySwapReasonReadsInTheDocsAsInTheCode() throws IOException {
        Map<String, List<String>> rows = rows("| Code | Severity |");

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(SwapReason.values()).map(Enum::name).toList());
        for (SwapReason r : SwapReason.values()) {
            assertThat(rows.get(r.name())).as(r.name())
                    .containsExactly(r.severity().name(), r.meaning(), r.whatToDo());
        }
    }

    @Test
    void everyRunFailureReadsInTheDocsAsInTheCode() throws IOException {
        Map<String, List<String>> rows = rows("| Code | Meaning |");

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
        for (ReasonCode r : ReasonCode.values()) {
            assertThat(rows.get(r.name())).as(r.name()).containsExactly(r.meaning(), r.whatToDo());
        }
    }

    /** The table that starts with this header: per code (a row may name several), the other cells. */
    private static Map<String, List<String>> rows(String header) throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                at = i;
            }
        }
        assertThat(at).as("table " + header + " in " + DOC).isNotNegative();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i).strip();
            List<String> cells = new ArrayList<>(List.of(line.substring(1, line.length() - 1).split(" \\| ")));
            cells.replaceAll(String::strip);
            String codes = cells.remove(0);
            for (String code : codes.split(", ")) {
                rows.put(code.replace("`", ""), cells);
            }
        }
        return rows;
    }
}
