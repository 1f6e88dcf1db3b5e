package dev.hotpatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchListener;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.testing.ShopJars;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the page groups changes: by the class root or library that serves them in a running JVM. */
class ContainerGroupTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "BOOT-INF/classes/com/acme/A.class                   | BOOT-INF/classes                   | com/acme/A.class",
        "WEB-INF/classes/com/acme/A.class                    | WEB-INF/classes                    | com/acme/A.class",
        "BOOT-INF/lib/x-1.0.jar!/com/x/B.class               | BOOT-INF/lib/x-1.0.jar             | com/x/B.class",
        "WEB-INF/lib/y.jar!/META-INF/services/z              | WEB-INF/lib/y.jar                  | META-INF/services/z",
        "app.war!/WEB-INF/classes/a/C.class                  | app.war!/WEB-INF/classes           | a/C.class",
        "lib/app.jar!/BOOT-INF/lib/n.jar!/p/Q.class          | lib/app.jar!/BOOT-INF/lib/n.jar    | p/Q.class",
        "META-INF/MANIFEST.MF                                | ''                                 | META-INF/MANIFEST.MF",
        "BOOT-INF/classes/                                   | ''                                 | BOOT-INF/classes/",
    })
    void theContainerIsTheNestedArchiveNarrowedToItsClassRoot(String path, String container, String entry) {
        assertThat(Container.of(EntryPath.parse(path))).isEqualTo(new Container(container, entry));
    }

    @Test
    void aFatJarsChangesAreGroupedByClassRootAndLibrary() {
        DiffResult result = new Hotpatch(HotpatchListener.NONE).diff(DiffRequest.builder(
                ShopJars.deployed().write(dir.resolve("shop-1.0.jar")),
                ShopJars.manyChanges().write(dir.resolve("shop-1.1.jar")), dir.resolve("out"))
                .failOnRestartRequired(false).build());

        assertThat(result.report().containers()).extracting(ContainerGroup::label,
                g -> g.items().stream().map(i -> i.change().kind() + " " + i.entry()).toList())
                .containsExactly(
                        tuple("BOOT-INF/classes", java.util.List.of("MODIFIED application.properties",
                                "MODIFIED com/acme/shop/Cart.class", "MODIFIED com/acme/shop/Prices.class",
                                "REMOVED static/banner.txt")),
                        tuple("BOOT-INF/lib/audit-1.0.jar", java.util.List.of("ADDED ")),
                        tuple("BOOT-INF/lib/pricing-1.0.jar", java.util.List.of(
                                "MODIFIED com/acme/pricing/Discounts.class", "ADDED com/acme/pricing/Tax.class")));
        ContainerGroup.Item prices = result.report().containers().get(0).items().get(2);
        assertThat(prices.verdict().orElseThrow().verdict().name()).isEqualTo("HOT_SWAPPABLE");
        assertThat(prices.diff().orElseThrow().methods()).extracting(MethodDiff::key).containsExactly("price(I)I");
        assertThat(prices.sizeDelta()).isEqualTo(prices.change().newSize() - prices.change().oldSize());
    }
}
