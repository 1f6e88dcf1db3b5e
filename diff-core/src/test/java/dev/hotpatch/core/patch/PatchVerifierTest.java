package dev.hotpatch.core.patch;

import dev.hotpatch.format.PatchManifest;
import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.format.Sha256;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.diff.ContentStore;
import dev.hotpatch.core.diff.Differ;
import dev.hotpatch.core.diff.IgnoreRules;
import dev.hotpatch.core.diff.SameEntries;
import dev.hotpatch.core.testing.Greeter;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-check: a patch is accepted only when baseline + patch gives the target. */
class PatchVerifierTest {
    private static final String CLASS_ENTRY = "BOOT-INF/lib/greeting-1.0.jar!/" + Greeter.ENTRY;

    @TempDir
    Path dir;

    private Path deployed;
    private Path branch;
    private Path patch;

    @BeforeEach
    void writeAGenuinePatch() {
        deployed = app(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        branch = app(Greeter.fixed()).write(dir.resolve("branch.jar"));
        new Hotpatch(e -> { }).diff(DiffRequest.builder(deployed, branch, dir.resolve("out")).build());
        patch = dir.resolve("out/hotpatch.jar");
    }

    @Test
    void acceptsTheGenuinePatch() {
        assertThatCode(() -> verify(patch)).doesNotThrowAnyException();
    }

    @Test
    void rejectsAPatchWhoseContentNoLongerMatchesItsManifest() throws IOException {
        Path tampered = rewrite(patch, Map.of("entries/" + CLASS_ENTRY, bytes -> Greeter.deployed()));

        assertThatThrownBy(() -> verify(tampered)).isInstanceOfSatisfying(HotpatchException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(ReasonCode.SELF_CHECK_FAILED);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(CLASS_ENTRY);
        });
    }

    @Test
    void rejectsAConsistentlyTamperedPatchThatDoesNotGiveTheTarget() throws IOException {
        Path tampered = consistentlyTampered();

        assertThatThrownBy(() -> verify(tampered)).isInstanceOfSatisfying(HotpatchException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(ReasonCode.SELF_CHECK_FAILED);
            org.assertj.core.api.Assertions.assertThat(e.getMessage())
                    .contains("difference(s) remain").contains("MODIFIED " + CLASS_ENTRY);
        });
    }

    @Test
    void reusingWhatTheDiffFoundEqualStillRejectsATamperedPatch() throws IOException {
        Path tampered = consistentlyTampered();

        assertThatCode(() -> verifyAfterDiff(patch)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifyAfterDiff(tampered)).isInstanceOfSatisfying(HotpatchException.class, e ->
                org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(ReasonCode.SELF_CHECK_FAILED));
    }

    /** The patch with other class bytes, and the manifest's hash and size changed to match them. */
    private Path consistentlyTampered() throws IOException {
        byte[] other = "not the fixed class".getBytes(StandardCharsets.UTF_8);
        String fixedSha = Sha256.of(Greeter.fixed());
        return rewrite(patch, Map.of(
                "entries/" + CLASS_ENTRY, bytes -> other,
                PatchManifest.NAME, bytes -> new String(bytes, StandardCharsets.UTF_8)
                        .replace(fixedSha, Sha256.of(other))
                        .replace("\"size\": " + Greeter.fixed().length, "\"size\": " + other.length)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** As the pipeline runs it: the diff's equal top-level pairs are handed to the self-check. */
    private void verifyAfterDiff(Path patchFile) {
        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                ContentStore store = ContentStore.createTemporary();
                Archive from = reader.open(deployed);
                Archive to = reader.open(branch)) {
            SameEntries same = new SameEntries();
            new Differ(reader, IgnoreRules.defaults(), store, same).diff(from, to);
            new PatchVerifier(reader, IgnoreRules.defaults(), same).verify(from, patchFile, to);
        }
    }

    private void verify(Path patchFile) {
        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                Archive from = reader.open(deployed);
                Archive to = reader.open(branch)) {
            new PatchVerifier(reader, IgnoreRules.defaults()).verify(from, patchFile, to);
        }
    }

    /** A copy of the patch with some entries' bytes replaced, written as the patch writer does (stored). */
    private Path rewrite(Path original, Map<String, UnaryOperator<byte[]>> edits) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(original.toFile(), StandardCharsets.UTF_8)) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(e).readAllBytes();
                entries.put(e.getName(), edits.getOrDefault(e.getName(), UnaryOperator.identity()).apply(bytes));
            }
        }
        TestArchives.ZipBuilder copy = zip();
        entries.forEach(copy::stored);
        return copy.write(dir.resolve("tampered.jar"));
    }

    private static TestArchives.ZipBuilder app(byte[] greeterClass) {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .stored("BOOT-INF/lib/greeting-1.0.jar", zip().add(Greeter.ENTRY, greeterClass).bytes());
    }
}
