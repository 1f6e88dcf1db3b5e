package dev.hotpatch.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TeamCityMessagesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "plain-value_1.0;plain-value_1.0",
            "it's;it|'s",
            "a|b;a||b",
            "[x];|[x|]",
            "café;caf|0x00E9",
            "Δ€;|0x0394|0x20AC",
            "\"\";\"\"",
    })
    void escapesServiceMessageValues(String value, String escaped) {
        assertThat(TeamCityMessages.escape(value)).isEqualTo(escaped);
    }

    @Test
    void escapesLineBreaksAndUnicodeSeparators() {
        assertThat(TeamCityMessages.escape("one\ntwo\r\nthree")).isEqualTo("one|ntwo|r|nthree");
        assertThat(TeamCityMessages.escape("a\u2028b\u0085")).isEqualTo("a|0x2028b|0x0085");
    }

    @Test
    void escapesEveryHalfOfASurrogatePair() {
        assertThat(TeamCityMessages.escape("\uD83D\uDE00")).isEqualTo("|0xD83D|0xDE00");
    }

    @Test
    void handsBackHashVerdictCoordinatesStatusAndReport() {
        String hash = "0123456789abcdef".repeat(4);
        Handback handback = new Handback(hash, "HOT_SWAPPABLE", "g:a-hotpatch:jar:1.0-0123456789ab", "published",
                Path.of("out", "report.json"), Path.of("out", "summary.md"));

        assertThat(TeamCityMessages.of(handback)).containsExactly(
                "##teamcity[setParameter name='hotpatch.hash' value='" + hash + "']",
                "##teamcity[setParameter name='hotpatch.verdict' value='HOT_SWAPPABLE']",
                "##teamcity[setParameter name='hotpatch.coordinates' value='g:a-hotpatch:jar:1.0-0123456789ab']",
                "##teamcity[buildStatus text='{build.status.text}; hotpatch 0123456789ab HOT_SWAPPABLE']",
                "##teamcity[publishArtifacts 'out => hotpatch']");
    }

    @Test
    void escapesPathsInPublishArtifacts() {
        Handback handback = new Handback("", "NO_CHANGES", "", "not published",
                Path.of("build [1]", "report.json"), Path.of("build [1]", "summary.md"));

        assertThat(TeamCityMessages.of(handback)).contains(
                "##teamcity[buildStatus text='{build.status.text}; hotpatch: no changes']",
                "##teamcity[publishArtifacts 'build |[1|] => hotpatch']");
    }

    @Test
    void afterAFailedRunNamesTheReasonAndPublishesTheReport() {
        assertThat(TeamCityMessages.ofFailure(Path.of("out"), "COMPILER_MISMATCH")).containsExactly(
                "##teamcity[buildStatus text='{build.status.text}; hotpatch failed: COMPILER_MISMATCH']",
                "##teamcity[publishArtifacts 'out => hotpatch']");
    }
}
