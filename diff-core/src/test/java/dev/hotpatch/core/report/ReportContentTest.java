package dev.hotpatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchListener;
import dev.hotpatch.core.Json;
import dev.hotpatch.core.testing.ShopJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The method diff in report.json (structured) and summary.md (short), and report.html as one stable file. */
class ReportContentTest {
    @TempDir
    Path dir;

    @Test
    void aOneMethodFixCarriesThatMethodsDiffInEveryOutput() throws IOException {
        Path deployed = ShopJars.deployed().write(dir.resolve("shop-1.0.jar"));
        Path branch = ShopJars.oneMethodFix().write(dir.resolve("shop-1.0.1.jar"));

        DiffResult result = diff(deployed, branch, dir.resolve("out"));

        JsonNode report = Json.read(Files.readAllBytes(result.reportFile()));
        assertThat(report.path("changes")).hasSize(1);
        JsonNode classDiff = report.path("changes").get(0).path("classDiff");
        assertThat(classDiff.path("class").asText()).isEqualTo("com.acme.shop.Prices");
        assertThat(classDiff.path("methods")).hasSize(1);
        JsonNode price = classDiff.path("methods").get(0);
        assertThat(price.path("name").asText()).isEqualTo("price");
        assertThat(price.path("descriptor").asText()).isEqualTo("(I)I");
        assertThat(price.path("addedLines").asInt()).isEqualTo(2);
        assertThat(price.path("removedLines").asInt()).isZero();
        JsonNode lines = price.path("hunks").get(0).path("lines");
        assertThat(lines).filteredOn(l -> l.path("op").asText().equals("ADDED"))
                .extracting(l -> l.path("text").asText() + " @" + l.path("newSourceLine").asInt())
                .containsExactly("BIPUSH 50 @11", "IADD @11");
        assertThat(Files.readString(result.summaryFile())).contains("Changed method bodies:")
                .contains("- `com.acme.shop.Prices.price(I)I`: 0 bytecode lines removed, 2 added (source line 11)")
                .contains("`report.html`");
        String html = Files.readString(result.htmlReportFile());
        assertThat(html).doesNotContain("<link").doesNotContain("src=").doesNotContain("http://")
                .doesNotContain("https://").as("self-contained: no resource from elsewhere");
    }

    @Test
    void twoRunsWriteTheSameReportHtml() throws IOException {
        Path deployed = ShopJars.deployed().write(dir.resolve("shop-1.0.jar"));
        Path branch = ShopJars.manyChanges().write(dir.resolve("shop-1.1.jar"));

        byte[] first = Files.readAllBytes(diff(deployed, branch, dir.resolve("out")).htmlReportFile());
        byte[] second = Files.readAllBytes(diff(deployed, branch, dir.resolve("out")).htmlReportFile());

        assertThat(second).isEqualTo(first);
        String html = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).as("a removed resource's size, signed with a character reference").contains("&minus;");
        assertThat(html.chars().filter(c -> c > 127).mapToObj(c -> "U+" + Integer.toHexString(c)).toList())
                .as("ASCII: anything else as a numeric character reference").isEmpty();
        assertThat(html).as("the catalogue's dash").contains("A method was added &#8212; including");
    }

    private static DiffResult diff(Path deployed, Path branch, Path out) {
        return new Hotpatch(HotpatchListener.NONE).diff(DiffRequest.builder(deployed, branch, out)
                .failOnRestartRequired(false).build());
    }
}
