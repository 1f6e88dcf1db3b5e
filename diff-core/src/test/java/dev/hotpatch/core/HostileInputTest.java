package dev.hotpatch.core;

import dev.hotpatch.format.Sha256;

import static dev.hotpatch.core.testing.TestArchives.tar;
import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.diff.Differ;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.patch.PatchArchive;
import dev.hotpatch.core.patch.PatchFile;
import dev.hotpatch.core.patch.PatchPlan;
import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.core.patch.PatchVerifier;
import dev.hotpatch.core.patch.PatchWriter;
import dev.hotpatch.core.testing.FailureReports;
import dev.hotpatch.core.testing.RawZip;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crafted and broken artifacts, each built in the test: every one either fails with its own reason
 * code, naming the file and the {@code !/} path, and leaves nothing in the output directory, or
 * (the benign ones) gives a correct diff.
 */
class HostileInputTest {
    private static final String LIB = "BOOT-INF/lib/service-1.0.jar";

    @TempDir
    Path dir;

    // ---- entry names that escape the archive ----

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "lib/../../evil.txt", "/etc/cron.d/evil", "C:/Windows/evil.dll",
            "d:evil.dll", "..\\evil.txt", "lib\\evil.txt", "lib/..", "..!/evil.txt"})
    void anEntryNameThatEscapesTheArchiveIsRefused(String name) {
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = app().add(name, "owned").write(dir.resolve("branch.jar"));

        assertRefused(baseline, target, ReasonCode.UNSAFE_ENTRY_NAME, target + "!/" + name);
    }

    @Test
    void anEscapingNameInANestedJarIsRefusedWithItsFullPath() {
        Path baseline = app().stored(LIB, zip().add("a/A.class", "a").bytes()).write(dir.resolve("deployed.jar"));
        Path target = app().stored(LIB, zip().add("a/A.class", "b").add("../../evil.sh", "x").bytes())
                .write(dir.resolve("branch.jar"));

        assertRefused(baseline, target, ReasonCode.UNSAFE_ENTRY_NAME, target + "!/" + LIB + "!/../../evil.sh");
    }

    @Test
    void anEscapingNameInATarIsRefused() {
        Path baseline = TestArchives.write(dir.resolve("app-1.0.tar"), tar().add("app/run.sh", "run").tarBytes());
        Path target = TestArchives.write(dir.resolve("app-1.1.tar"),
                tar().add("app/run.sh", "run").add("app/../../etc/profile.d/evil.sh", "x").tarBytes());

        assertRefused(baseline, target, ReasonCode.UNSAFE_ENTRY_NAME, target + "!/app/../../etc/profile.d/evil.sh");
    }

    // ---- bombs and limits ----

    @Test
    void aZipBombIsStoppedByTheCompressionRatioAndPassesWhenTheLimitIsRaised() throws IOException {
        byte[] zeros = new byte[8 << 20];
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = app().add("data/zeros.bin", zeros).write(dir.resolve("branch.jar"));
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(target.toFile())) {
            assertThat(zeros.length / z.getEntry("data/zeros.bin").getCompressedSize())
                    .as("the fixture expands more than the default ratio").isGreaterThan(1000);
        }

        assertRefused(baseline, target, ReasonCode.COMPRESSION_RATIO_EXCEEDED, target + "!/data/zeros.bin");

        DiffResult raised = diff(baseline, target, ReadLimits.DEFAULTS.withMaxCompressionRatio(2000));
        assertThat(paths(raised.changes())).containsExactly("ADDED data/zeros.bin");
    }

    @Test
    void aTarGzBombIsStoppedByTheCompressionRatioBeforeItFillsTheScratchDisk() throws IOException {
        byte[] archive = tar().add("app/run.sh", "run").add("app/zeros.bin", new byte[32 << 20]).tarGzBytes();
        assertThat((32L << 20) / archive.length).as("the fixture expands more than the default ratio").isGreaterThan(1000);
        Path baseline = TestArchives.write(dir.resolve("app-1.0.tar.gz"), tar().add("app/run.sh", "run").tarGzBytes());
        Path target = TestArchives.write(dir.resolve("app-1.1.tar.gz"), archive);

        assertRefused(baseline, target, ReasonCode.COMPRESSION_RATIO_EXCEEDED, target.toString());
    }

    @Test
    void aNestingBombIsStoppedAtTheDepthLimitAndPassesWhenTheLimitIsRaised() {
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), nest(10, "old"));
        Path target = TestArchives.write(dir.resolve("branch.jar"), nest(10, "new"));
        String nine = IntStream.rangeClosed(1, 9).mapToObj(i -> "l" + i + ".jar").collect(Collectors.joining("!/"));

        assertRefused(baseline, target, ReasonCode.NESTING_TOO_DEEP, baseline + "!/" + nine);

        DiffResult raised = diff(baseline, target, ReadLimits.DEFAULTS.withMaxNestingDepth(10));
        assertThat(paths(raised.changes())).containsExactly("MODIFIED " + nine + "!/l10.jar!/leaf.txt");
    }

    @Test
    void tooManyEntriesInOneArchiveIsRefused() {
        TestArchives.ZipBuilder many = app();
        IntStream.range(0, 20).forEach(i -> many.add("res/r" + i + ".txt", "r" + i));
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = many.write(dir.resolve("branch.jar"));

        assertRefused(baseline, target, new ReadLimits(8, 10, ReadLimits.DEFAULT_MAX_TOTAL_BYTES, 1000),
                ReasonCode.TOO_MANY_ENTRIES, target.toString());
    }

    @Test
    void moreDataThanTheRunMayReadIsRefused() {
        byte[] big = new byte[2 << 20];
        new java.util.Random(7).nextBytes(big);
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = app().add("data/big.bin", big).write(dir.resolve("branch.jar"));

        assertRefused(baseline, target, new ReadLimits(8, 1000, 1 << 20, 1000), ReasonCode.TOO_MUCH_DATA,
                target + "!/data/big.bin");
    }

    // ---- structure that lies ----

    @Test
    void aDuplicateEntryNameInAZipIsRefused() {
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), RawZip.create().add("a/A.class", "a").bytes());
        Path target = TestArchives.write(dir.resolve("branch.jar"),
                RawZip.create().add("a/A.class", "a").add("a/A.class", "evil").bytes());

        assertRefused(baseline, target, ReasonCode.DUPLICATE_ENTRY, target + "!/a/A.class");
    }

    @Test
    void aDuplicateEntryNameInATarIsRefused() {
        Path baseline = TestArchives.write(dir.resolve("app-1.0.tar"), tar().add("app/run.sh", "run").tarBytes());
        Path target = TestArchives.write(dir.resolve("app-1.1.tar"),
                tar().add("app/run.sh", "run").add("app/run.sh", "evil").tarBytes());

        assertRefused(baseline, target, ReasonCode.DUPLICATE_ENTRY, target + "!/app/run.sh");
    }

    @Test
    void aCentralDirectoryThatNamesAnotherEntryThanItsLocalHeaderIsRefused() {
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), RawZip.create().add("a.txt", "a").bytes());
        Path target = TestArchives.write(dir.resolve("branch.jar"),
                RawZip.create().addDisagreeing("evil/Evil.class", "a.txt", "b").bytes());

        assertRefused(baseline, target, ReasonCode.CORRUPT_ARCHIVE, target + "!/a.txt");
    }

    @Test
    void twoDirectoryRecordsSharingOneLocalEntryAreRefused() {
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), RawZip.create().add("a.txt", "a").bytes());
        Path target = TestArchives.write(dir.resolve("branch.jar"),
                RawZip.create().add("a.txt", "b").alias("b.txt").bytes());

        assertRefused(baseline, target, ReasonCode.CORRUPT_ARCHIVE, target + "!/b.txt");
    }

    // ---- links ----

    @Test
    void tarLinksAreComparedAsTheirTargetsAndNeverFollowed() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the secret outside the root");
        Path baseline = TestArchives.write(dir.resolve("app-1.0.tar.gz"), tar().add("app/lib/a.jar", "jar")
                .symlink("app/lib/current", "a.jar").hardLink("app/conf/app.conf", "app/conf/base.conf")
                .add("app/conf/base.conf", "port=1").tarGzBytes());
        Path target = TestArchives.write(dir.resolve("app-1.1.tar.gz"), tar().add("app/lib/a.jar", "jar")
                .symlink("app/lib/current", "../../../../../../.." + secret)
                .hardLink("app/conf/app.conf", secret.toString())
                .add("app/conf/base.conf", "port=1").tarGzBytes());

        DiffResult result = diff(baseline, target, ReadLimits.DEFAULTS);

        assertThat(paths(result.changes())).containsExactly("MODIFIED app/conf/app.conf", "MODIFIED app/lib/current");
        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                PatchFile patch = PatchFile.open(reader, dir.resolve("out/hotpatch.jar"))) {
            assertThat(content(patch, "app/lib/current")).isEqualTo("link -> ../../../../../../.." + secret);
            assertThat(content(patch, "app/conf/app.conf")).isEqualTo("link -> " + secret);
        }
        assertThat(Files.readString(dir.resolve("out/hotpatch.jar"), StandardCharsets.ISO_8859_1))
                .doesNotContain("the secret outside the root");
    }

    // ---- damaged files ----

    @Test
    void aTruncatedZipIsRefused() {
        byte[] whole = app().add("data/more.txt", "more".repeat(1000)).bytes();
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = TestArchives.write(dir.resolve("branch.jar"), Arrays.copyOf(whole, whole.length / 2));

        assertRefused(baseline, target, ReasonCode.CORRUPT_ARCHIVE, target.toString());
    }

    @Test
    void aTruncatedTarGzIsRefused() {
        byte[] random = new byte[64 << 10];
        new java.util.Random(3).nextBytes(random);
        byte[] whole = tar().add("app/lib/a.bin", random).add("app/run.sh", "run").tarGzBytes();
        Path baseline = TestArchives.write(dir.resolve("app-1.0.tar.gz"), tar().add("app/run.sh", "run").tarGzBytes());
        Path target = TestArchives.write(dir.resolve("app-1.1.tar.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertRefused(baseline, target, ReasonCode.CORRUPT_ARCHIVE, target.toString());
    }

    @Test
    void aTruncatedTarGzInsideAZipIsRefusedWithItsPath() {
        byte[] random = new byte[64 << 10];
        new java.util.Random(5).nextBytes(random);
        byte[] whole = tar().add("app/lib/a.bin", random).add("app/run.sh", "run").tarGzBytes();
        Path baseline = app().stored("dist/app.tar.gz", tar().add("app/run.sh", "run").tarGzBytes())
                .write(dir.resolve("deployed.zip"));
        Path target = app().stored("dist/app.tar.gz", Arrays.copyOf(whole, whole.length / 2))
                .write(dir.resolve("branch.zip"));

        assertRefused(baseline, target, ReasonCode.CORRUPT_ARCHIVE, target + "!/dist/app.tar.gz");
    }

    @Test
    void aJarThatIsNotAZipIsRefused() {
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = TestArchives.write(dir.resolve("branch.jar"), "<html>404 Not Found</html>".getBytes(StandardCharsets.UTF_8));

        assertRefused(baseline, target, ReasonCode.CORRUPT_ARCHIVE, target.toString());
    }

    @Test
    void aNestedJarThatIsNotAZipIsRefusedWithItsPath() {
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = app().stored("BOOT-INF/lib/broken-1.0.jar", "not a zip".getBytes(StandardCharsets.UTF_8))
                .write(dir.resolve("branch.jar"));

        assertRefused(baseline, target, ReasonCode.CORRUPT_ARCHIVE, target + "!/BOOT-INF/lib/broken-1.0.jar");
    }

    @Test
    void anEncryptedEntryIsRefused() {
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), RawZip.create().add("keys.bin", "old").bytes());
        Path target = TestArchives.write(dir.resolve("branch.jar"), RawZip.create()
                .add("keys.bin".getBytes(StandardCharsets.UTF_8), 1 << 11 | 1, "\u00a7crypt".getBytes(StandardCharsets.UTF_8))
                .bytes());

        assertRefused(baseline, target, ReasonCode.ENCRYPTED_ENTRY, target + "!/keys.bin");
    }

    @Test
    void aNameThatIsNotUtf8IsRefused() {
        byte[] name = {'a', '/', (byte) 0xC3, (byte) 0x28, '.', 'c', 'l', 'a', 's', 's'};
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), RawZip.create().add("a/B.class", "b").bytes());
        Path target = TestArchives.write(dir.resolve("branch.jar"), RawZip.create().add("a/B.class", "b")
                .add(name, 0, "evil".getBytes(StandardCharsets.UTF_8)).bytes());

        assertThatThrownBy(() -> diff(baseline, target, ReadLimits.DEFAULTS))
                .isInstanceOfSatisfying(HotpatchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_ENTRY_NAME);
                    assertThat(e.location()).startsWith(target + "!/a/").endsWith(".class");
                    assertThat(e.getMessage()).contains(target + "!/a/").contains("not valid UTF-8");
                });
        FailureReports.assertOnlyFailureReport(out(), ReasonCode.INVALID_ENTRY_NAME, null);
    }

    /** Found by the fuzzer (see ArchiveFuzzTestInputs): an empty name failed with an IllegalArgumentException. */
    @ParameterizedTest
    @ValueSource(strings = {"", "lib/a.jar!/B.class"})
    void aNameThatCannotBeAddressedIsRefused(String name) {
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), RawZip.create().add("a.txt", "a").bytes());
        Path target = TestArchives.write(dir.resolve("branch.jar"),
                RawZip.create().add("a.txt", "a").add(name, "x").bytes());

        assertRefused(baseline, target, ReasonCode.INVALID_ENTRY_NAME, target + "!/" + name);
    }

    // ---- ZIP64 ----

    @Test
    void aZip64ArchiveWithMoreThan65535EntriesIsDiffedAndCountedAgainstTheLimit() {
        RawZip old = RawZip.create();
        RawZip fixed = RawZip.create();
        for (int i = 0; i < 70_000; i++) {
            old.add("r/" + i, i == 4242 ? "old" : "same");
            fixed.add("r/" + i, i == 4242 ? "new" : "same");
        }
        Path baseline = old.write(dir.resolve("deployed.jar"));
        Path target = fixed.write(dir.resolve("branch.jar"));

        DiffResult result = diff(baseline, target, ReadLimits.DEFAULTS);

        assertThat(paths(result.changes())).containsExactly("MODIFIED r/4242");
        assertRefused(baseline, target, new ReadLimits(8, 65_535, ReadLimits.DEFAULT_MAX_TOTAL_BYTES, 1000),
                ReasonCode.TOO_MANY_ENTRIES, baseline.toString());
    }

    /**
     * Local headers and the central directory beyond 4 GiB, after a hole in a sparse file: the file
     * is over 4 GiB long and takes a few kilobytes of disk. The whole pipeline would hash all 4 GiB
     * of the artifact for the report, so this runs its stages (diff, write, self-check) directly.
     */
    @Test
    void aZip64ArchiveWithOffsetsBeyond4GiBIsDiffedAndThePatchChecks() throws IOException {
        long hole = (4L << 30) + 12_345;
        Path baseline = RawZip.create().add("a.txt", "old").add("b.txt", "same").write(dir.resolve("deployed.jar"));
        Path target = RawZip.create().hole(hole).add("a.txt", "new").add("b.txt", "same")
                .write(dir.resolve("branch.jar"));
        assertThat(Files.size(target)).isGreaterThan(hole);

        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                ContentStore store = ContentStore.createTemporary();
                Archive from = reader.open(baseline);
                Archive to = reader.open(target)) {
            ChangeSet changes = new Differ(reader, IgnoreRules.defaults(), store).diff(from, to);
            assertThat(paths(changes)).containsExactly("MODIFIED a.txt");
            PatchManifest manifest = new PatchManifest(Sha256.of(baseline).hex(), "", "", null,
                    changes.changes().stream().map(c -> PatchPlan.entry(c, null)).toList());
            PatchArchive patch = new PatchWriter().write(manifest, store, dir.resolve("hotpatch.jar"));
            new PatchVerifier(reader, IgnoreRules.defaults()).verify(from, patch.file(), to);
        }
    }

    // ---- empty and identical ----

    @Test
    void anEmptyBaselineIsRefused() {
        Path baseline = TestArchives.write(dir.resolve("deployed.jar"), RawZip.create().bytes());
        Path target = app().write(dir.resolve("branch.jar"));

        assertRefused(baseline, target, ReasonCode.EMPTY_INPUT, baseline.toString());
    }

    @Test
    void aZeroByteFileIsAnEmptyInputNamingTheFile() {
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = TestArchives.write(dir.resolve("branch.jar"), new byte[0]);

        assertRefused(baseline, target, ReasonCode.EMPTY_INPUT, target.toString());
        assertThatThrownBy(() -> diff(baseline, target, ReadLimits.DEFAULTS)).hasMessageContaining("The file is empty (0 bytes)");
    }

    @Test
    void anEmptyNestedJarIsAnOrdinaryChange() {
        Path baseline = app().stored("BOOT-INF/lib/empty-1.0.jar", RawZip.create().bytes()).write(dir.resolve("deployed.jar"));
        Path target = app().stored("BOOT-INF/lib/empty-1.0.jar", zip().add("x/X.class", "x").bytes())
                .write(dir.resolve("branch.jar"));

        DiffResult result = diff(baseline, target, ReadLimits.DEFAULTS);

        assertThat(paths(result.changes())).containsExactly("ADDED BOOT-INF/lib/empty-1.0.jar!/x/X.class");
    }

    @Test
    void identicalInputsGiveNoPatch() throws IOException {
        Path baseline = app().write(dir.resolve("deployed.jar"));
        Path target = Files.copy(baseline, dir.resolve("branch.jar"));

        DiffResult result = diff(baseline, target, ReadLimits.DEFAULTS);

        assertThat(result.changes().isEmpty()).isTrue();
        assertThat(result.patch()).isEmpty();
        assertThat(filesIn(out())).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("report.json", "summary.md", "report.html");
    }

    // ---- helpers ----

    private static TestArchives.ZipBuilder app() {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n").add("com/acme/App.class", "app");
    }

    /** {@code l1.jar} holding {@code l2.jar} ... holding {@code l<depth>.jar} holding {@code leaf.txt}. */
    private static byte[] nest(int depth, String leaf) {
        byte[] inner = zip().add("leaf.txt", leaf).bytes();
        for (int i = depth; i >= 1; i--) {
            inner = zip().add("l" + i + ".jar", inner).bytes();
        }
        return inner;
    }

    private Path out() {
        return dir.resolve("out");
    }

    private DiffResult diff(Path baseline, Path target, ReadLimits limits) {
        return new Hotpatch(e -> { }).diff(DiffRequest.builder(baseline, target, out()).limits(limits)
                .failOnRestartRequired(false).build());
    }

    private void assertRefused(Path baseline, Path target, ReasonCode reason, String location) {
        assertRefused(baseline, target, ReadLimits.DEFAULTS, reason, location);
    }

    /** Fails with the reason, names the location in the message, and leaves only the report of the failure. */
    private void assertRefused(Path baseline, Path target, ReadLimits limits, ReasonCode reason, String location) {
        assertThatThrownBy(() -> diff(baseline, target, limits)).isInstanceOfSatisfying(HotpatchException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.location()).as(e.getMessage()).isEqualTo(location);
            assertThat(e.getMessage()).contains(location);
        });
        FailureReports.assertOnlyFailureReport(out(), reason, location);
    }

    private static List<String> paths(ChangeSet changes) {
        return changes.changes().stream().map(c -> c.kind() + " " + c.path()).toList();
    }

    private static String content(PatchFile patch, String path) throws IOException {
        try (InputStream in = patch.content(EntryPath.parse(path)).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Path> filesIn(Path directory) {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
