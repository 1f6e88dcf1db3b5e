package dev.hotpatch.core;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.core.classfile.Finding;
import dev.hotpatch.core.classfile.SwapReason;
import dev.hotpatch.core.classfile.Verdict;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.diff.LibraryPair;
import dev.hotpatch.core.patch.PatchVerifier;
import dev.hotpatch.core.testing.JavaSources;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dependency moved to another version, so its jar has another name in the fat jar
 * ({@code h2-2.4.240.jar} → {@code h2-2.3.232.jar}): the two jars are one library change, judged class
 * by class, and what changes inside names the jar the running JVM loaded.
 */
class RenamedLibraryTest {
    private static final String DRIVER = """
            package org.h2;

            public class Driver {
                public String connect(String url) {
                    %s
                }
            }
            """;
    private static final String APP = """
            package org.springframework.samples.petclinic;

            public class PetClinicApplication {
                public static void main(String[] args) {
                    System.out.println("petclinic");
                }
            }
            """;
    private static final String DEPLOYED_H2 = "BOOT-INF/lib/h2-2.4.240.jar";
    private static final String BRANCH_H2 = "BOOT-INF/lib/h2-2.3.232.jar";

    @TempDir
    Path dir;

    private final List<HotpatchEvent> events = new ArrayList<>();

    @Test
    void aDowngradedLibraryWithABodyOnlyFixIsOneLibraryChangeAndHotSwappable() throws IOException {
        Path deployed = petclinic(DEPLOYED_H2, h2("2.4.240", "return url;")).write(dir.resolve("deployed.jar"));
        Path branch = petclinic(BRANCH_H2, h2("2.3.232", "return url.trim();")).write(dir.resolve("branch.jar"));

        DiffResult result = diff(deployed, branch, true);

        assertThat(result.changes().libraries()).singleElement().satisfies(l -> {
            assertThat(l.deployed().toString()).isEqualTo(DEPLOYED_H2);
            assertThat(l.branch().toString()).isEqualTo(BRANCH_H2);
            assertThat(l.artifact()).isEqualTo("com.h2database:h2");
            assertThat(l.direction()).isEqualTo(LibraryPair.Direction.DOWNGRADE);
        });
        assertThat(result.changes().changes()).extracting(c -> c.kind() + " " + c.path()).containsExactly(
                "MODIFIED BOOT-INF/classpath.idx",
                "MODIFIED " + DEPLOYED_H2 + "!/META-INF/MANIFEST.MF",
                "MODIFIED " + DEPLOYED_H2 + "!/META-INF/maven/com.h2database/h2/pom.properties",
                "MODIFIED " + DEPLOYED_H2 + "!/org/h2/Driver.class");
        assertThat(result.report().assessment().verdict()).isEqualTo(Verdict.HOT_SWAPPABLE);
        assertThat(result.report().assessment().findings()).extracting(Finding::code).containsExactly(
                SwapReason.LOADER_INDEX_LIBRARY_RENAMED, SwapReason.LIBRARY_METADATA_CHANGED,
                SwapReason.LIBRARY_METADATA_CHANGED, SwapReason.METHOD_BODY_CHANGED);
        assertThat(result.report().assessment().findings().findFirst().orElseThrow().message())
                .contains("h2-2.4.240.jar -> BOOT-INF/lib/h2-2.3.232.jar")
                .contains("a running JVM keeps loading the deployed jar");
        assertThat(events).extracting(HotpatchEvent::message)
                .contains("Paired library downgrade com.h2database:h2 2.4.240 -> 2.3.232 (" + DEPLOYED_H2
                        + " -> " + BRANCH_H2 + ")", "Self-check passed: baseline + patch = target");

        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        JsonNode library = report.path("libraries").get(0);
        assertThat(library.path("deployed").asText()).isEqualTo(DEPLOYED_H2);
        assertThat(library.path("branch").asText()).isEqualTo(BRANCH_H2);
        assertThat(library.path("direction").asText()).isEqualTo("DOWNGRADE");
        assertThat(library.path("deployedVersion").asText()).isEqualTo("2.4.240");
        assertThat(library.path("branchVersion").asText()).isEqualTo("2.3.232");
        assertThat(library.path("changes").asInt()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("out/summary.md")))
                .contains("- library downgrade com.h2database:h2 2.4.240 -> 2.3.232 (" + DEPLOYED_H2
                        + " -> " + BRANCH_H2 + "): 3 changes inside");

        // the patch addresses the class in the jar the running JVM loaded
        JsonNode manifest = patchManifest(dir.resolve("out/hotpatch.jar"));
        JsonNode driver = StreamSupport.stream(manifest.path("changes").spliterator(), false)
                .filter(c -> c.path("path").asText().endsWith("Driver.class")).findFirst().orElseThrow();
        assertThat(driver.path("container").asText()).isEqualTo(DEPLOYED_H2);
        assertThat(driver.path("class").asText()).isEqualTo("org/h2/Driver");
        assertThat(driver.path("action").asText()).isEqualTo("REDEFINE");
        assertThat(driver.path("verdict").asText()).isEqualTo("HOT_SWAPPABLE");
        // the index and the version metadata: a running JVM keeps what it read at start-up
        assertThat(manifest.path("changes")).filteredOn(c -> !c.path("path").asText().endsWith(".class"))
                .extracting(c -> c.path("action").asText()).containsExactly("KEEP", "KEEP", "KEEP");
    }

    @Test
    void theSelfCheckStillComparesInsideARenamedLibrary() {
        Path deployed = petclinic(DEPLOYED_H2, h2("2.4.240", "return url;")).write(dir.resolve("deployed.jar"));
        Path branch = petclinic(BRANCH_H2, h2("2.3.232", "return url.trim();")).write(dir.resolve("branch.jar"));
        Path other = petclinic(BRANCH_H2, h2("2.3.232", "return url.strip();")).write(dir.resolve("other.jar"));
        diff(deployed, branch, true);

        // the patch made for branch.jar, checked against a build with other code in the renamed jar
        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                Archive from = reader.open(deployed);
                Archive to = reader.open(other)) {
            assertThatThrownBy(() -> new PatchVerifier(reader, IgnoreRules.defaults())
                    .verify(from, dir.resolve("out/hotpatch.jar"), to))
                    .isInstanceOfSatisfying(HotpatchException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ReasonCode.SELF_CHECK_FAILED);
                        assertThat(e.getMessage()).contains("MODIFIED " + DEPLOYED_H2 + "!/org/h2/Driver.class");
                    });
        }
    }

    @Test
    void aLibraryVersionThatChangesAClassShapeNeedsARestartNamingTheClass() {
        Path deployed = petclinic(DEPLOYED_H2, h2("2.4.240", "return url;")).write(dir.resolve("deployed.jar"));
        Path branch = petclinic(BRANCH_H2, h2("2.3.232", "return check(url); } private String check(String url) {"
                + " return url;")).write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, true)).isInstanceOfSatisfying(HotpatchException.class, e -> {
            assertThat(e.reason()).isEqualTo(ReasonCode.RESTART_REQUIRED);
            assertThat(e.getMessage()).contains(DEPLOYED_H2 + "!/org/h2/Driver.class: METHOD_ADDED")
                    .contains("org.h2.Driver.check(Ljava/lang/String;)Ljava/lang/String; was added");
        });
    }

    @Test
    void withoutMavenMetadataTheFileNameTellsTheLibraryAndItsVersion() {
        Path deployed = zip().stored("lib/greeting-1.9.jar", greeting("Hi")).write(dir.resolve("deployed.zip"));
        Path branch = zip().stored("lib/greeting-1.10.jar", greeting("Hello")).write(dir.resolve("branch.zip"));

        DiffResult result = diff(deployed, branch, false); // a changed resource needs a restart

        assertThat(result.changes().libraries()).singleElement().satisfies(l -> {
            assertThat(l.artifact()).isEqualTo("greeting");
            assertThat(l.direction()).isEqualTo(LibraryPair.Direction.UPGRADE);
        });
        assertThat(result.changes().changes()).extracting(c -> c.path().toString())
                .containsExactly("lib/greeting-1.9.jar!/greeting.txt");
    }

    @Test
    void jarsInOtherFoldersOrOfOtherLibrariesAreNotPaired() {
        Path deployed = zip().stored("lib/greeting-1.0.jar", greeting("Hi")).stored("ext/a-1.0.jar", greeting("a"))
                .write(dir.resolve("deployed.zip"));
        Path branch = zip().stored("plugins/greeting-1.1.jar", greeting("Hi")).stored("ext/b-1.0.jar", greeting("a"))
                .write(dir.resolve("branch.zip"));

        DiffResult result = diff(deployed, branch, false);

        assertThat(result.changes().libraries()).isEmpty();
        assertThat(result.report().assessment().findings()).extracting(Finding::code).containsOnly(
                SwapReason.LIBRARY_ADDED, SwapReason.LIBRARY_REMOVED);
    }

    @Test
    void aLibraryThatCouldPairWithTwoJarsIsNotPaired() {
        Path deployed = zip().stored("lib/greeting-1.0.jar", greeting("Hi")).stored("lib/greeting-1.1.jar", greeting("Hi"))
                .write(dir.resolve("deployed.zip"));
        Path branch = zip().stored("lib/greeting-2.0.jar", greeting("Hi")).write(dir.resolve("branch.zip"));

        DiffResult result = diff(deployed, branch, false);

        assertThat(result.changes().libraries()).isEmpty();
        assertThat(result.changes().changes()).hasSize(3);
    }

    @Test
    void aLoaderIndexWithMoreThanTheRenameStillNeedsARestart() {
        TestArchives.ZipBuilder before = petclinic(DEPLOYED_H2, h2("2.4.240", "return url;"));
        TestArchives.ZipBuilder after = petclinic(BRANCH_H2, h2("2.3.232", "return url;"))
                .add("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/spring-core-6.1.5.jar\"\n- \"" + BRANCH_H2 + "\"\n"
                        + "- \"BOOT-INF/lib/extra-1.0.jar\"\n");

        DiffResult result = diff(before.write(dir.resolve("deployed.jar")), after.write(dir.resolve("branch.jar")), false);

        assertThat(result.report().assessment().verdictOf(dev.hotpatch.core.archive.EntryPath.of("BOOT-INF/classpath.idx"))
                .orElseThrow().findings()).extracting(Finding::code).containsExactly(SwapReason.LOADER_INDEX_CHANGED);
    }

    private DiffResult diff(Path deployed, Path branch, boolean failOnRestartRequired) {
        return new Hotpatch(events::add).diff(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .failOnRestartRequired(failOnRestartRequired).build());
    }

    /** A Spring Boot fat jar as spring-boot-maven-plugin lays it out, with h2 under {@code h2Entry}. */
    private static TestArchives.ZipBuilder petclinic(String h2Entry, byte[] h2) {
        byte[] app = JavaSources.compile(Map.of("org.springframework.samples.petclinic.PetClinicApplication", APP), "-g")
                .get("org/springframework/samples/petclinic/PetClinicApplication.class");
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: "
                        + "org.springframework.boot.loader.launch.JarLauncher\nStart-Class: "
                        + "org.springframework.samples.petclinic.PetClinicApplication\nBuild-Jdk-Spec: 17\n")
                .add("BOOT-INF/classes/org/springframework/samples/petclinic/PetClinicApplication.class", app)
                .add("BOOT-INF/classes/application.properties", "spring.datasource.url=jdbc:h2:mem:petclinic\n")
                .stored("BOOT-INF/lib/spring-core-6.1.5.jar", zip().add("org/springframework/core/SpringVersion.class",
                        "not really a class").bytes())
                .stored(h2Entry, h2)
                .add("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/spring-core-6.1.5.jar\"\n- \"" + h2Entry + "\"\n")
                .add("BOOT-INF/layers.idx", "- \"dependencies\":\n  - \"BOOT-INF/lib/\"\n- \"application\":\n"
                        + "  - \"BOOT-INF/classes/\"\n  - \"BOOT-INF/classpath.idx\"\n  - \"BOOT-INF/layers.idx\"\n"
                        + "  - \"META-INF/\"\n");
    }

    /** The h2 jar of one version: its manifest and Maven metadata name the version. */
    private static byte[] h2(String version, String connectBody) {
        byte[] driver = JavaSources.compile(Map.of("org.h2.Driver", DRIVER.formatted(connectBody)), "-g")
                .get("org/h2/Driver.class");
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nImplementation-Title: H2 Database Engine\n"
                        + "Implementation-Version: " + version + "\nBundle-Version: " + version + "\nBuild-Jdk-Spec: 17\n")
                .add("META-INF/maven/com.h2database/h2/pom.properties", "artifactId=h2\ngroupId=com.h2database\nversion="
                        + version + "\n")
                .add("org/h2/Driver.class", driver)
                .bytes();
    }

    private static byte[] greeting(String text) {
        return zip().add("greeting.txt", text).bytes();
    }

    private static JsonNode patchManifest(Path patch) throws IOException {
        try (ZipFile z = new ZipFile(patch.toFile())) {
            return new ObjectMapper().readTree(z.getInputStream(z.getEntry("hotpatch.json")));
        }
    }
}
