package dev.hotpatch.core;

import dev.hotpatch.format.Sha256;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.patch.PatchFile;
import dev.hotpatch.core.testing.FailureReports;
import dev.hotpatch.core.testing.Greeter;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on archives built in the test: what users get in the output directory. */
class HotpatchTest {
    private static final String INNER_CLASS = "BOOT-INF/lib/service-1.0.jar!/lib/greeting-1.0.jar!/" + Greeter.ENTRY;

    @TempDir
    Path dir;

    private final List<HotpatchEvent> events = new ArrayList<>();

    @Test
    void findsAChangeTwoArchivesDeepAndPatchesOnlyThatEntry() throws IOException {
        Path deployed = fatJar(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(Greeter.fixed()).write(dir.resolve("branch.jar"));

        DiffResult result = diff(deployed, branch, dir.resolve("out"));

        assertThat(result.changes().changes()).extracting(c -> c.path().toString(), Change::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(INNER_CLASS, ChangeKind.MODIFIED));
        Change change = result.changes().changes().get(0);
        assertThat(change.oldSha256()).isEqualTo(Sha256.of(Greeter.deployed()));
        assertThat(change.newSha256()).isEqualTo(Sha256.of(Greeter.fixed()));
        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                PatchFile patch = PatchFile.open(reader, dir.resolve("out/hotpatch.jar"))) {
            assertThat(patch.manifest().changes()).hasSize(1);
            assertThat(content(patch, INNER_CLASS)).isEqualTo(Greeter.fixed());
        }
        assertThat(patchEntryNames(dir.resolve("out/hotpatch.jar")))
                .containsExactly("hotpatch.json", "entries/" + INNER_CLASS);
        assertThat(events).extracting(HotpatchEvent::message).contains("Self-check passed: baseline + patch = target");
    }

    @Test
    void writesTheHashFileAndReportThatDescribeTheArchive() throws IOException {
        Path deployed = fatJar(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(Greeter.fixed()).write(dir.resolve("branch.jar"));

        DiffResult result = diff(deployed, branch, dir.resolve("out"));

        Path archive = dir.resolve("out/hotpatch.jar");
        String hash = Sha256.of(Files.readAllBytes(archive));
        assertThat(result.patch()).get().extracting(p -> p.sha256()).isEqualTo(hash);
        assertThat(Files.readString(dir.resolve("out/hotpatch.jar.sha256"))).isEqualTo(hash + "  hotpatch.jar\n");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.path("hash").asText()).isEqualTo(hash);
        assertThat(report.path("archive").asText()).isEqualTo("hotpatch.jar");
        assertThat(report.path("baseline").path("sha256").asText()).isEqualTo(Sha256.of(Files.readAllBytes(deployed)));
        assertThat(report.path("target").path("file").asText()).isEqualTo(branch.toString());
        assertThat(report.path("changes").get(0).path("path").asText()).isEqualTo(INNER_CLASS);
        assertThat(report.path("changes").get(0).path("kind").asText()).isEqualTo("MODIFIED");
        assertThat(report.path("changes").get(0).path("container").asText())
                .isEqualTo("BOOT-INF/lib/service-1.0.jar!/lib/greeting-1.0.jar");
        assertThat(Files.readString(dir.resolve("out/summary.md"))).contains(hash);
        assertThat(events).extracting(HotpatchEvent::message).contains("hash: " + hash);
    }

    @Test
    void anArchiveOnOneSideOnlyIsOneChangeAndGoesIntoThePatchWhole() throws IOException {
        byte[] newLibrary = zip().add("org/lib/A.class", "a").add("org/lib/B.class", "b").bytes();
        Path deployed = fatJar(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(Greeter.deployed()).stored("BOOT-INF/lib/extra-2.0.jar", newLibrary)
                .remove("BOOT-INF/lib/unchanged-1.0.jar").write(dir.resolve("branch.jar"));

        DiffResult result = new Hotpatch(events::add).diff(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .failOnRestartRequired(false).build());

        assertThat(result.changes().changes()).extracting(c -> c.path().toString(), Change::kind, Change::nestedEntries)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("BOOT-INF/lib/extra-2.0.jar", ChangeKind.ADDED, 2),
                        org.assertj.core.groups.Tuple.tuple("BOOT-INF/lib/unchanged-1.0.jar", ChangeKind.REMOVED, 1));
        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                PatchFile patch = PatchFile.open(reader, dir.resolve("out/hotpatch.jar"))) {
            assertThat(content(patch, "BOOT-INF/lib/extra-2.0.jar")).isEqualTo(newLibrary);
        }
        assertThat(patchEntryNames(dir.resolve("out/hotpatch.jar")))
                .containsExactly("hotpatch.json", "entries/BOOT-INF/lib/extra-2.0.jar");
    }

    @Test
    void pairsDifferentlyNamedTopFoldersOfTarGzDistributions() throws IOException {
        Path deployed = TestArchives.write(dir.resolve("app-1.0.tar.gz"), distribution("app-1.0", Greeter.deployed()));
        Path branch = TestArchives.write(dir.resolve("app-1.1.tgz"), distribution("app-1.1", Greeter.fixed()));

        DiffResult result = diff(deployed, branch, dir.resolve("out"));

        assertThat(result.changes().baselineRoot()).isEqualTo("app-1.0/");
        assertThat(result.changes().targetRoot()).isEqualTo("app-1.1/");
        assertThat(result.changes().changes()).extracting(c -> c.path().toString())
                .containsExactly("lib/greeting-1.0.jar!/" + Greeter.ENTRY);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.path("baseline").path("root").asText()).isEqualTo("app-1.0/");
        assertThat(report.path("target").path("root").asText()).isEqualTo("app-1.1/");
    }

    @Test
    void listsIgnoredBuildMetadataWithTheRuleThatIgnoredIt() throws IOException {
        Path deployed = withMetadata(fatJar(Greeter.deployed()), "17", "abc123").write(dir.resolve("deployed.jar"));
        Path branch = withMetadata(fatJar(Greeter.fixed()), "17.0.13", "def456").write(dir.resolve("branch.jar"));

        DiffResult result = diff(deployed, branch, dir.resolve("out"));

        assertThat(result.changes().changes()).extracting(c -> c.path().toString()).containsExactly(INNER_CLASS);
        JsonNode ignored = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile()).path("ignored");
        List<String> listed = new ArrayList<>();
        ignored.forEach(i -> listed.add(i.path("path").asText() + " <- " + i.path("rule").asText()));
        assertThat(listed).containsExactlyInAnyOrder(
                "BOOT-INF/classes/git.properties <- git-properties",
                "META-INF/MANIFEST.MF <- manifest-build-attributes",
                "META-INF/build-info.properties <- build-info",
                "META-INF/sbom/application.cdx.json <- sbom");
        assertThat(patchEntryNames(dir.resolve("out/hotpatch.jar"))).containsExactly("hotpatch.json", "entries/" + INNER_CLASS);
    }

    @Test
    void withDefaultRulesOffMetadataIsAChangeAndUserRulesStillApply() throws IOException {
        Path deployed = withMetadata(fatJar(Greeter.deployed()), "17", "abc123").write(dir.resolve("deployed.jar"));
        Path branch = withMetadata(fatJar(Greeter.deployed()), "17.0", "def456").write(dir.resolve("branch.jar"));

        DiffResult result = new Hotpatch(events::add).diff(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .ignoreRules(IgnoreRules.of(false, List.of("**/sbom/**"))).failOnRestartRequired(false).build());

        assertThat(result.changes().changes()).extracting(c -> c.path().toString()).containsExactly(
                "BOOT-INF/classes/git.properties", "META-INF/MANIFEST.MF", "META-INF/build-info.properties");
        assertThat(result.changes().ignored()).extracting(i -> i.path() + " <- " + i.rule())
                .containsExactly("META-INF/sbom/application.cdx.json <- user:**/sbom/**");
    }

    @Test
    void aManifestChangeBeyondBuildAttributesIsNotIgnored() throws IOException {
        Path deployed = fatJar(Greeter.deployed()).add("META-INF/MANIFEST.MF", manifest("17", "com.acme.Main"))
                .write(dir.resolve("deployed.jar"));
        Path branch = fatJar(Greeter.deployed()).add("META-INF/MANIFEST.MF", manifest("17.0", "com.acme.Main2"))
                .write(dir.resolve("branch.jar"));

        DiffResult result = new Hotpatch(events::add).diff(DiffRequest.builder(deployed, branch, dir.resolve("out"))
                .failOnRestartRequired(false).build());

        assertThat(result.changes().changes()).extracting(c -> c.path().toString())
                .containsExactly("META-INF/MANIFEST.MF");
        assertThat(result.changes().ignored()).isEmpty();
    }

    @Test
    void identicalBuildsGiveNoArchiveAndAReportThatSaysSo() throws IOException {
        Path deployed = fatJar(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path rebuilt = fatJar(Greeter.deployed()).time(1_600_000_000_000L).write(dir.resolve("rebuilt.jar"));

        DiffResult result = diff(deployed, rebuilt, dir.resolve("out"));

        assertThat(result.patch()).isEmpty();
        assertThat(dir.resolve("out/hotpatch.jar")).doesNotExist();
        assertThat(dir.resolve("out/hotpatch.jar.sha256")).doesNotExist();
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
        assertThat(report.path("status").asText()).isEqualTo("NO_CHANGES");
        assertThat(report.path("hash").isNull()).isTrue();
        assertThat(report.path("changes")).isEmpty();
    }

    @Test
    void aMissingBaselineFailsAndIsNeverTreatedAsEmpty() throws IOException {
        Path branch = fatJar(Greeter.fixed()).write(dir.resolve("branch.jar"));
        Path missing = dir.resolve("deployed.jar");

        assertThatThrownBy(() -> diff(missing, branch, dir.resolve("out")))
                .isInstanceOfSatisfying(HotpatchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.INPUT_MISSING);
                    assertThat(e.getMessage()).contains(missing.toString());
                });
        JsonNode report = FailureReports.assertOnlyFailureReport(dir.resolve("out"), ReasonCode.INPUT_MISSING,
                missing.toString());
        assertThat(report.path("baseline").path("source").asText()).isEqualTo(missing.toString());
        assertThat(report.path("baseline").path("sha256").isNull()).isTrue();
        assertThat(report.has("changes")).as("nothing was compared").isFalse();
    }

    @Test
    void comparingAFileWithItselfIsAMistakeNotAnEmptyPatch() {
        Path deployed = fatJar(Greeter.deployed()).write(dir.resolve("deployed.jar"));

        assertThatThrownBy(() -> diff(deployed, dir.resolve("./deployed.jar"), dir.resolve("out")))
                .isInstanceOfSatisfying(HotpatchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("the same file");
                });
    }

    @Test
    void aFailedRunRemovesTheOutputsOfAnEarlierRun() throws IOException {
        Path deployed = fatJar(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(Greeter.fixed()).write(dir.resolve("branch.jar"));
        diff(deployed, branch, dir.resolve("out"));
        Files.delete(deployed);

        assertThatThrownBy(() -> diff(deployed, branch, dir.resolve("out"))).isInstanceOf(HotpatchException.class);
        FailureReports.assertOnlyFailureReport(dir.resolve("out"), ReasonCode.INPUT_MISSING, deployed.toString());
    }

    @Test
    void aFailedRunReportsWhatItLearnedBeforeItFailed() throws IOException {
        Path deployed = withMetadata(fatJar(Greeter.deployed()), "17", "abc123").write(dir.resolve("deployed.jar"));
        Path branch = withMetadata(fatJar(Greeter.fixed()), "25", "def456").write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, dir.resolve("out")))
                .isInstanceOfSatisfying(HotpatchException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.COMPILER_MISMATCH));

        JsonNode report = FailureReports.assertOnlyFailureReport(dir.resolve("out"), ReasonCode.COMPILER_MISMATCH,
                branch.toString());
        assertThat(report.path("message").asText()).contains("JDK 17").contains("JDK 25");
        assertThat(report.path("baseline").path("sha256").asText()).isEqualTo(Sha256.of(Files.readAllBytes(deployed)));
        assertThat(report.path("target").path("sha256").asText()).isEqualTo(Sha256.of(Files.readAllBytes(branch)));
        assertThat(report.path("compilers").path("baseline").asText()).contains("JDK 17");
        assertThat(report.path("compilers").path("target").asText()).contains("JDK 25");
        assertThat(report.path("changes")).extracting(c -> c.path("path").asText()).containsExactly(INNER_CLASS);
        assertThat(report.path("changes").get(0).path("classDiff").path("methods"))
                .extracting(m -> m.path("name").asText()).containsExactly("greet");
        assertThat(report.path("verdict").isNull()).as("the run failed before the verdict").isTrue();
    }

    @Test
    void aCorruptNestedArchiveIsReportedWithItsFullPath() throws IOException {
        byte[] truncated = java.util.Arrays.copyOf(greetingJar(Greeter.fixed()), 40);
        Path deployed = fatJar(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = fatJar(Greeter.deployed()).stored("BOOT-INF/lib/unchanged-1.0.jar", truncated)
                .write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, dir.resolve("out")))
                .isInstanceOfSatisfying(HotpatchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.CORRUPT_ARCHIVE);
                    assertThat(e.location()).isEqualTo(branch + "!/BOOT-INF/lib/unchanged-1.0.jar");
                    assertThat(e.getMessage()).contains(branch + "!/BOOT-INF/lib/unchanged-1.0.jar");
                });
        FailureReports.assertOnlyFailureReport(dir.resolve("out"), ReasonCode.CORRUPT_ARCHIVE,
                branch + "!/BOOT-INF/lib/unchanged-1.0.jar");
    }

    private DiffResult diff(Path baseline, Path target, Path out) {
        return new Hotpatch(events::add).diff(DiffRequest.builder(baseline, target, out).build());
    }

    /** A Spring-Boot-style fat jar: the greeting jar nested inside a stored library jar. */
    static TestArchives.ZipBuilder fatJar(byte[] greeterClass) {
        byte[] service = zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .add("com/acme/service/Service.class", "service")
                .add("lib/greeting-1.0.jar", greetingJar(greeterClass)).bytes();
        byte[] unchanged = zip().add("org/other/Other.class", "other").bytes();
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: com.acme.Main\n")
                .add("BOOT-INF/classes/application.properties", "greeting.enabled=true\n")
                .stored("BOOT-INF/lib/service-1.0.jar", service)
                .stored("BOOT-INF/lib/unchanged-1.0.jar", unchanged);
    }

    private static byte[] greetingJar(byte[] greeterClass) {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n").add(Greeter.ENTRY, greeterClass).bytes();
    }

    private static byte[] distribution(String root, byte[] greeterClass) {
        return TestArchives.tar().add(root + "/bin/run.sh", "#!/bin/sh\nexec java -cp 'lib/*' com.acme.Main\n")
                .add(root + "/conf/app.conf", "port=8080\n")
                .add(root + "/lib/greeting-1.0.jar", greetingJar(greeterClass)).tarGzBytes();
    }

    private static TestArchives.ZipBuilder withMetadata(TestArchives.ZipBuilder jar, String jdk, String commit) {
        return jar.add("META-INF/MANIFEST.MF", manifest(jdk, "com.acme.Main"))
                .add("META-INF/build-info.properties", "build.time=" + commit + "\n")
                .add("META-INF/sbom/application.cdx.json", "{\"serial\":\"" + commit + "\"}")
                .add("BOOT-INF/classes/git.properties", "git.commit.id=" + commit + "\n");
    }

    private static String manifest(String jdk, String mainClass) {
        return "Manifest-Version: 1.0\nCreated-By: Maven JAR Plugin 3.5.1\nBuild-Jdk-Spec: " + jdk
                + "\nMain-Class: " + mainClass + "\n";
    }

    private static byte[] content(PatchFile patch, String path) throws IOException {
        try (java.io.InputStream in = patch.content(EntryPath.parse(path)).openStream()) {
            return in.readAllBytes();
        }
    }

    static List<String> patchEntryNames(Path patch) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(patch.toFile(), StandardCharsets.UTF_8)) {
            return zip.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
    }
}
