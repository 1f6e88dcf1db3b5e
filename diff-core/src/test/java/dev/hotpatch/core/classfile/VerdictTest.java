package dev.hotpatch.core.classfile;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.DiffResult;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.testing.JavaSources;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict as users see it: in report.json, the patch manifest and the failure message. */
class VerdictTest {
    private static final String PRICES = """
            package com.acme.shop;

            public class Prices {
                private final int discount = 10;

                public int price(int list) {
                    %s
                }
            }
            """;
    private static final String PRICES_PATH = "BOOT-INF/classes/com/acme/shop/Prices.class";

    @TempDir
    Path dir;

    @Test
    void aMethodBodyFixInAFatJarIsHotSwappable() throws IOException {
        Path deployed = fatJar(prices("return list - discount;")).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(prices("return Math.max(0, list - discount);")).write(dir.resolve("branch.jar"));

        DiffResult result = diff(deployed, branch, true);

        assertThat(result.report().assessment().verdict()).isEqualTo(Verdict.HOT_SWAPPABLE);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("HOT_SWAPPABLE");
        JsonNode change = report.path("changes").get(0);
        assertThat(change.path("path").asText()).isEqualTo(PRICES_PATH);
        assertThat(change.path("verdict").asText()).isEqualTo("HOT_SWAPPABLE");
        assertThat(change.path("reasons").get(0).path("code").asText()).isEqualTo("METHOD_BODY_CHANGED");
        assertThat(change.path("reasons").get(0).path("message").asText()).contains("com.acme.shop.Prices.price(I)I");
        assertThat(zipEntryText(dir.resolve("out/hotpatch.jar"), "hotpatch.json")).contains("\"verdict\": \"HOT_SWAPPABLE\"");
    }

    @Test
    void aLambdaAddedToAnExistingMethodNeedsARestartAndSaysWhy() throws IOException {
        Path deployed = fatJar(prices("return list - discount;")).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(prices("java.util.function.IntUnaryOperator off = p -> p - discount; return off.applyAsInt(list);"))
                .write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, true)).isInstanceOfSatisfying(HotpatchException.class, e -> {
            assertThat(e.reason()).isEqualTo(ReasonCode.RESTART_REQUIRED);
            assertThat(e.getMessage()).contains(PRICES_PATH + ": METHOD_ADDED")
                    .contains("com.acme.shop.Prices.lambda$price$0(I)I was added")
                    .contains("javac compiles a lambda expression in price() into this method");
        });
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("RESTART_REQUIRED");
        assertThat(report.path("changes").get(0).path("reasons").findValuesAsText("code")).contains("METHOD_ADDED");
    }

    @Test
    void withoutFailOnRestartRequiredTheVerdictIsOnlyReported() {
        Path deployed = fatJar(prices("return list - discount;")).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(prices("return list - discount;")).stored("BOOT-INF/lib/extra-1.0.jar",
                zip().add("x/X.class", "x").bytes()).write(dir.resolve("branch.jar"));

        DiffResult result = diff(deployed, branch, false);

        assertThat(result.report().assessment().verdict()).isEqualTo(Verdict.RESTART_REQUIRED);
        assertThat(result.report().assessment().findings()).extracting(Finding::code).containsExactly(SwapReason.LIBRARY_ADDED);
    }

    @Test
    void resourcesAndLoaderIndexesAreJudgedByPath() {
        Path deployed = fatJar(prices("return list;")).add("BOOT-INF/classes/messages.properties", "hi=Hi")
                .add("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/greeting-1.0.jar\"\n").write(dir.resolve("deployed.jar"));
        Path branch = fatJar(prices("return list;")).add("BOOT-INF/classes/messages.properties", "hi=Hello")
                .add("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/greeting-1.1.jar\"\n").write(dir.resolve("branch.jar"));

        Assessment assessment = diff(deployed, branch, false).report().assessment();

        assertThat(assessment.findings()).extracting(Finding::code)
                .containsExactly(SwapReason.RESOURCE_CHANGED, SwapReason.LOADER_INDEX_CHANGED);
        assertThat(assessment.verdict()).isEqualTo(Verdict.RESTART_REQUIRED);
    }

    @Test
    void aChangedModuleDescriptorNeedsARestart() {
        Map<String, String> sources = Map.of("com.acme.shop.Prices", PRICES.formatted("return list;"));
        byte[] before = module(sources, "module shop { exports com.acme.shop; }");
        byte[] after = module(sources, "module shop { exports com.acme.shop; requires java.sql; }");
        Path deployed = zip().add("module-info.class", before).write(dir.resolve("deployed.jar"));
        Path branch = zip().add("module-info.class", after).write(dir.resolve("branch.jar"));

        Assessment assessment = diff(deployed, branch, false).report().assessment();

        assertThat(assessment.verdict()).isEqualTo(Verdict.RESTART_REQUIRED);
        assertThat(assessment.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SwapReason.MODULE_DESCRIPTOR_CHANGED);
            assertThat(f.message()).startsWith("module descriptor module-info.class changed;");
        });
    }

    @Test
    void identicalBuildsHaveNoChangesVerdict() {
        Path deployed = fatJar(prices("return list;")).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(prices("return list;")).write(dir.resolve("branch.jar"));

        assertThat(diff(deployed, branch, true).report().assessment().verdict()).isEqualTo(Verdict.NO_CHANGES);
    }

    private DiffResult diff(Path deployed, Path branch, boolean failOnRestartRequired) {
        return new Hotpatch(e -> { }).diff(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .failOnRestartRequired(failOnRestartRequired).build());
    }

    private static byte[] module(Map<String, String> sources, String descriptor) {
        Map<String, String> all = new java.util.HashMap<>(sources);
        all.put("module-info", descriptor);
        return JavaSources.compile(all, "-g").get("module-info.class");
    }

    private static byte[] prices(String body) {
        return JavaSources.compile(Map.of("com.acme.shop.Prices", PRICES.formatted(body)), "-g")
                .get("com/acme/shop/Prices.class");
    }

    /** A Spring-Boot-style fat jar: application classes under BOOT-INF/classes, libraries stored under BOOT-INF/lib. */
    private static TestArchives.ZipBuilder fatJar(byte[] prices) {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuild-Jdk-Spec: 17\n")
                .add(PRICES_PATH, prices)
                .stored("BOOT-INF/lib/greeting-1.0.jar", zip().add("com/acme/greeting/Hello.class", "hello").bytes());
    }

    private static String zipEntryText(Path zipFile, String name) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zipFile.toFile())) {
            return new String(z.getInputStream(z.getEntry(name)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
