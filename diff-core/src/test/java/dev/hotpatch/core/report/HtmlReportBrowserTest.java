package dev.hotpatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.HotpatchListener;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.classfile.SwapReason;
import dev.hotpatch.core.testing.Chromium;
import dev.hotpatch.core.testing.ShopJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html of real runs in headless Chromium and reads what the reviewer sees from the
 * DOM after the page's script ran: verdict, hash, every change, each changed method's diff, the
 * restart reasons with what to do, and filters that hide what they should. Screenshots of the page
 * at 1280x800 and at phone size are kept in {@code target/browser-test/}.
 */
class HtmlReportBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "browser-test");
    private static final Pattern TAG = Pattern.compile("<(article|div|section|input|details|span|tr)\\s([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)(?:=\"([^\"]*)\")?");

    @TempDir
    Path dir;

    @Test
    void aPatchWithChangesOfEveryKindShowsEachChangeEachMethodDiffAndTheRestartReasons() throws Exception {
        Chromium chromium = Chromium.installed(dir);
        DiffResult result = diff(ShopJars.deployed().write(dir.resolve("shop-1.0.jar")),
                ShopJars.manyChanges().write(dir.resolve("shop-1.1.jar")));
        Path page = result.htmlReportFile();
        keep(page, "many-changes.html");
        chromium.screenshot(page, "", 1280, 800, SCREENSHOTS.resolve("many-changes-1280x800.png"));
        chromium.screenshot(page, "", 390, 844, SCREENSHOTS.resolve("many-changes-phone.png"));

        String dom = chromium.dumpDom(page, "");

        assertThat(attributes(dom, "span", "id", "verdict")).containsEntry("data-verdict", "RESTART_REQUIRED");
        String hash = result.patch().orElseThrow().sha256();
        assertThat(dom).contains("<code id=\"hash\">" + hash + "</code>");
        List<String> paths = result.changes().changes().stream().map(c -> c.path().toString()).toList();
        assertThat(changes(dom).keySet()).containsExactlyElementsOf(paths);
        assertThat(changes(dom).values()).as("nothing hidden without a filter").noneMatch(a -> a.containsKey("hidden"));
        assertThat(dom).contains("showing " + paths.size() + " of " + paths.size());
        for (ClassDiff classDiff : result.report().classDiffs()) {
            for (MethodDiff method : classDiff.methods()) {
                String shown = methodDiff(dom, classDiff.className(), method.key());
                for (MethodDiff.Row row : method.hunks().stream().flatMap(h -> method.rows(h).stream()).toList()) {
                    if (row.left() != null) {
                        assertThat(shown).contains(text(row.left().text()));
                    }
                    if (row.right() != null) {
                        assertThat(shown).contains(text(row.right().text()));
                    }
                }
            }
        }
        assertThat(methodKeys(dom)).containsExactlyInAnyOrder("com.acme.shop.Prices.price(I)I",
                "com.acme.pricing.Discounts.apply(II)I");
        String restart = section(dom, "restart-reasons");
        for (SwapReason code : List.of(SwapReason.METHOD_ADDED, SwapReason.LIBRARY_ADDED,
                SwapReason.RESOURCE_CHANGED, SwapReason.RESOURCE_REMOVED)) {
            assertThat(restart).contains("data-code=\"" + code + "\"")
                    .contains(shown(HtmlReport.markdown(code.meaning())))
                    .contains(shown(HtmlReport.markdown(code.whatToDo())));
        }
        assertThat(restart).contains("lambda$count$0");
        assertThat(section(dom, "ignored-section")).contains("BOOT-INF/classes/git.properties")
                .contains("git-properties");
        assertThat(attributes(dom, "details", "id", "ignored")).as("ignored entries start collapsed")
                .doesNotContainKey("open");
        assertThat(containers(dom)).containsExactly("BOOT-INF/classes", "BOOT-INF/lib/audit-1.0.jar",
                "BOOT-INF/lib/pricing-1.0.jar");

        String addedOnly = chromium.dumpDom(page, "kind=ADDED");

        Map<String, Map<String, String>> filtered = changes(addedOnly);
        assertThat(filtered.values()).allSatisfy(a -> assertThat(a.containsKey("hidden"))
                .as(a.get("data-path")).isEqualTo(!a.get("data-kind").equals("ADDED")));
        assertThat(filtered.values().stream().filter(a -> !a.containsKey("hidden")).map(a -> a.get("data-path")))
                .containsExactlyInAnyOrder("BOOT-INF/lib/audit-1.0.jar",
                        "BOOT-INF/lib/pricing-1.0.jar!/com/acme/pricing/Tax.class");
        assertThat(checkbox(addedOnly, "kind", "MODIFIED")).doesNotContainKey("checked");
        assertThat(attributes(addedOnly, "details", "data-container", "BOOT-INF/classes"))
                .as("a container with nothing shown is hidden").containsKey("hidden");
        assertThat(addedOnly).contains("showing 2 of " + paths.size());

        String restartOnly = chromium.dumpDom(page, "verdict=RESTART_REQUIRED");

        assertThat(changes(restartOnly).values().stream().filter(a -> !a.containsKey("hidden"))
                .map(a -> a.get("data-path"))).containsExactlyInAnyOrder(ShopJars.CART, "BOOT-INF/lib/audit-1.0.jar",
                        "BOOT-INF/classes/application.properties", "BOOT-INF/classes/static/banner.txt");
    }

    @Test
    void aOneMethodFixInASpringBootJarShowsThatMethodsDiffAndNothingElse() throws Exception {
        Chromium chromium = Chromium.installed(dir);
        DiffResult result = diff(ShopJars.deployed().write(dir.resolve("shop-1.0.jar")),
                ShopJars.oneMethodFix().write(dir.resolve("shop-1.0.1.jar")));
        Path page = result.htmlReportFile();
        keep(page, "one-method-fix.html");
        chromium.screenshot(page, "", 1280, 800, SCREENSHOTS.resolve("one-method-fix-1280x800.png"));

        String dom = chromium.dumpDom(page, "");

        assertThat(attributes(dom, "span", "id", "verdict")).containsEntry("data-verdict", "HOT_SWAPPABLE");
        assertThat(changes(dom).keySet()).containsExactly(ShopJars.PRICES);
        assertThat(methodKeys(dom)).containsExactly("com.acme.shop.Prices.price(I)I");
        String shown = methodDiff(dom, "com.acme.shop.Prices", "price(I)I");
        assertThat(shown).contains("<td class=\"code ins\">BIPUSH 50</td>").contains("GETFIELD com/acme/shop/Prices.ratePercent : I")
                .doesNotContain("class=\"code del\"");
        assertThat(dom).doesNotContain("id=\"restart-reasons\"").doesNotContain("label(I)");
        assertThat(section(dom, "ignored-section")).contains("BOOT-INF/classes/git.properties");
    }

    @Test
    void aFailedRunShowsTheFailureAndWhatToDo() throws Exception {
        Chromium chromium = Chromium.installed(dir);
        Path deployed = ShopJars.deployed().write(dir.resolve("shop-1.0.jar"));
        Path branch = ShopJars.oneMethodFix().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuild-Jdk-Spec: 25\n")
                .write(dir.resolve("shop-1.0.1.jar"));
        DiffRequest request = DiffRequest.builder(deployed, branch, dir.resolve("out")).build();
        assertThatThrownBy(() -> new Hotpatch(HotpatchListener.NONE).diff(request))
                .isInstanceOfSatisfying(HotpatchException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.COMPILER_MISMATCH));
        keep(request.htmlReportFile(), "failed-run.html");
        chromium.screenshot(request.htmlReportFile(), "", 1280, 800, SCREENSHOTS.resolve("failed-run-1280x800.png"));

        String dom = chromium.dumpDom(request.htmlReportFile(), "");

        assertThat(attributes(dom, "span", "id", "status")).containsEntry("class", "badge FAILED");
        String failure = section(dom, "failure");
        assertThat(failure).contains("<code>COMPILER_MISMATCH</code>").contains("JDK 17").contains("JDK 25")
                .contains(shown(HtmlReport.markdown(ReasonCode.COMPILER_MISMATCH.whatToDo())));
        assertThat(section(dom, "provenance")).contains("JDK 17 (Build-Jdk-Spec: 17").contains("JDK 25 (Build-Jdk-Spec: 25")
                .contains("Different compilers");
        assertThat(changes(dom).keySet()).as("what the run learned before it failed").contains(ShopJars.PRICES);
    }

    private DiffResult diff(Path deployed, Path branch) {
        return new Hotpatch(HotpatchListener.NONE).diff(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .failOnRestartRequired(false).build());
    }

    /** Keeps the page next to its screenshots, as a test output to open by hand. */
    private static void keep(Path page, String name) throws java.io.IOException {
        java.nio.file.Files.createDirectories(SCREENSHOTS);
        java.nio.file.Files.copy(page, SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- reading the dumped DOM ----

    /** Text as Chromium serializes a text node: only {@code & < >} escaped. */
    private static String text(String raw) {
        return shown(HtmlReport.esc(raw));
    }

    /**
     * HTML as Chromium serializes it back: quotes in text nodes are not escaped, and the page's
     * numeric character references are the characters they stand for.
     */
    private static String shown(String html) {
        return NUMERIC_REFERENCE.matcher(html.replace("&quot;", "\""))
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
    }

    private static final java.util.regex.Pattern NUMERIC_REFERENCE = java.util.regex.Pattern.compile("&#([0-9]+);");

    /** The attributes of every change article, by path, in document order. */
    private static Map<String, Map<String, String>> changes(String dom) {
        Map<String, Map<String, String>> byPath = new LinkedHashMap<>();
        for (Map<String, String> a : tags(dom, "article")) {
            if ("change".equals(a.get("class"))) {
                byPath.put(a.get("data-path"), a);
            }
        }
        return byPath;
    }

    private static List<String> containers(String dom) {
        return tags(dom, "details").stream().filter(a -> a.containsKey("data-container"))
                .map(a -> a.get("data-container")).toList();
    }

    /** "class.method(descriptor)" of every method diff on the page. */
    private static List<String> methodKeys(String dom) {
        List<String> keys = new ArrayList<>();
        String className = null;
        for (Matcher m = TAG.matcher(dom); m.find(); ) {
            Map<String, String> a = parse(m.group(2));
            if (m.group(1).equals("div") && a.containsKey("data-class")) {
                className = a.get("data-class");
            } else if (m.group(1).equals("div") && a.containsKey("data-method")) {
                keys.add(className + "." + a.get("data-method"));
            }
        }
        return keys;
    }

    /** The HTML of one method's diff table. */
    private static String methodDiff(String dom, String className, String key) {
        int owner = dom.indexOf("data-class=\"" + HtmlReport.esc(className) + "\"");
        assertThat(owner).as("class diff of " + className).isNotNegative();
        int start = dom.indexOf("data-method=\"" + HtmlReport.esc(key) + "\"", owner);
        assertThat(start).as("method diff of " + className + "." + key).isNotNegative();
        return dom.substring(start, dom.indexOf("</table>", start));
    }

    private static String section(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertThat(start).as("section " + id).isNotNegative();
        return dom.substring(start, dom.indexOf("</section>", start));
    }

    private static Map<String, String> checkbox(String dom, String name, String value) {
        return tags(dom, "input").stream().filter(a -> name.equals(a.get("name")) && value.equals(a.get("value")))
                .findFirst().orElseThrow();
    }

    private static Map<String, String> attributes(String dom, String tag, String attribute, String value) {
        return tags(dom, tag).stream().filter(a -> value.equals(a.get(attribute))).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + tag + " " + attribute + "=\"" + value + "\">"));
    }

    private static List<Map<String, String>> tags(String dom, String tag) {
        List<Map<String, String>> found = new ArrayList<>();
        for (Matcher m = TAG.matcher(dom); m.find(); ) {
            if (m.group(1).equals(tag)) {
                found.add(parse(m.group(2)));
            }
        }
        return found;
    }

    private static Map<String, String> parse(String attributes) {
        Map<String, String> a = new LinkedHashMap<>();
        for (Matcher m = ATTRIBUTE.matcher(attributes); m.find(); ) {
            a.put(m.group(1), m.group(2) == null ? "" : m.group(2).replace("&quot;", "\"").replace("&amp;", "&"));
        }
        return a;
    }
}
