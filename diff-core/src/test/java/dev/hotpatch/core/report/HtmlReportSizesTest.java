package dev.hotpatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class HtmlReportSizesTest {

    /** The report prints sizes without a Formatter (which loads the locale data); the text must not change. */
    @Test
    void tenthsPrintWhatPercentPointOneFPrints() {
        long[] samples = {1024, 1075, 1126, 1127, 1536, 10_239, 10_240, 52_838, 1_048_575, 1_048_576, 1_101_004,
                1_101_005, 5_242_880, 73_828_787, 2_147_483_648L};
        for (long n : samples) {
            for (long delta = -3; delta <= 3; delta++) {
                long v = n + delta;
                if (v < 1024) {
                    continue;
                }
                long unit = v < 1024 * 1024 ? 1024 : 1024 * 1024;
                assertThat(HtmlReport.tenths(v, unit)).as("%d / %d", v, unit)
                        .isEqualTo(String.format(Locale.ROOT, "%.1f", v / (double) unit));
            }
        }
        // every byte count of two units, half-way values (n.n5) among them
        for (long v = 1024; v < 3 * 1024; v++) {
            assertThat(HtmlReport.tenths(v, 1024)).isEqualTo(String.format(Locale.ROOT, "%.1f", v / 1024.0));
        }
    }

    @Test
    void textIsEscapedIntoAscii() {
        assertThat(HtmlReport.esc("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
        assertThat(HtmlReport.esc("caf\u00e9 \u2014 \uD83D\uDE00")).isEqualTo("caf&#233; &#8212; &#128512;");
        assertThat(HtmlReport.esc("lone \uD83D!")).as("a lone surrogate").isEqualTo("lone &#65533;!");
    }
}
