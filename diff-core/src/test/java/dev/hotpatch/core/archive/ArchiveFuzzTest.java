package dev.hotpatch.core.archive;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hotpatch.core.DiffRequest;
import dev.hotpatch.core.Hotpatch;
import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.ScratchFiles;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests of the archive reader and the diff entry point: whatever the bytes, the only
 * exception that may leave is a {@link HotpatchException} that refuses the input (a damaged
 * archive, a limit, a verdict); anything else is a finding: an unchecked exception of a library, a
 * stack overflow, an OutOfMemoryError under {@code -Xmx256m}, and a {@code HotpatchException} that
 * reports hotpatch's own failure, above all {@code SELF_CHECK_FAILED} (a patch that does not give
 * the target).
 *
 * <p>Every build replays the kept inputs under {@code src/test/resources/dev/hotpatch/core/archive/
 * ArchiveFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} Jazzer fuzzes one method for its
 * {@code maxDuration} (the build's {@code fuzz-*} surefire executions do so for 30 s each).
 */
class ArchiveFuzzTest {
    /** Magic numbers and names of the formats the reader sniffs, to get the fuzzer past them quickly. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @DictionaryEntries({"PK\u0003\u0004", "PK\u0001\u0002", "PK\u0005\u0006", "PK\u0006\u0006", "PK\u0006\u0007",
        "ustar\u0000", "ustar  \u0000", "BZh9", "7zXZ\u0000", ".jar", ".tar.gz", "!/", "../"})
    @interface ArchiveMarkers { }

    /** Small enough that a bomb is stopped long before it could fill a 256 MiB heap. */
    private static final ReadLimits LIMITS = new ReadLimits(4, 10_000, 32L << 20, 1000);
    /** Names that make the reader take each path: a zip by name, a tar by magic, anything else. */
    private static final List<String> NAMES = List.of("app.jar", "app.tar", "app.tar.gz", "app.bin");

    @ArchiveMarkers
    @FuzzTest(maxDuration = "30s")
    void readingAnyBytesGivesEntriesOrAHotpatchException(FuzzedDataProvider data) {
        String name = data.pickValue(NAMES);
        byte[] bytes = artifact(data, data.remainingBytes());
        inScratchDirectory(dir -> {
            Path file = write(dir.resolve(name), bytes);
            try (ArchiveReader reader = new ArchiveReader(LIMITS); Archive archive = reader.open(file)) {
                readAll(reader, archive);
            } catch (HotpatchException e) {
                mustRefuseTheInput(e);
            }
        });
    }

    @ArchiveMarkers
    @FuzzTest(maxDuration = "30s")
    void diffingAnyPairGivesAResultOrAHotpatchException(FuzzedDataProvider data) {
        String baselineName = data.pickValue(NAMES);
        String targetName = data.pickValue(NAMES);
        byte[] baseline = artifact(data, data.consumeInt(0, 1 << 16));
        byte[] target = artifact(data, data.remainingBytes());
        inScratchDirectory(dir -> {
            Path a = write(dir.resolve("a").resolve(baselineName), baseline);
            Path b = write(dir.resolve("b").resolve(targetName), target);
            try {
                new Hotpatch(event -> { }).diff(DiffRequest.builder(a, b, dir.resolve("out")).limits(LIMITS).build());
            } catch (HotpatchException e) {
                mustRefuseTheInput(e);
            }
        });
    }

    @Test
    void aWrongPatchOrAnInternalErrorIsAFindingARefusalIsNot() {
        assertThatThrownBy(() -> mustRefuseTheInput(new HotpatchException(ReasonCode.SELF_CHECK_FAILED, "out/hotpatch.jar",
                "1 difference(s) remain"))).isInstanceOf(AssertionError.class).hasMessageContaining("SELF_CHECK_FAILED");
        assertThatThrownBy(() -> mustRefuseTheInput(new HotpatchException(ReasonCode.IO_ERROR, "scratch", "disk full")))
                .isInstanceOf(AssertionError.class);
        assertThatCode(() -> mustRefuseTheInput(new HotpatchException(ReasonCode.CORRUPT_ARCHIVE, "app.jar", "truncated")))
                .doesNotThrowAnyException();
    }

    /** What a correct run may answer hostile bytes with: each names a property of the input. */
    static final Set<ReasonCode> INPUT_REFUSALS = EnumSet.of(ReasonCode.CORRUPT_ARCHIVE, ReasonCode.NESTING_TOO_DEEP,
            ReasonCode.DUPLICATE_ENTRY, ReasonCode.UNSAFE_ENTRY_NAME, ReasonCode.INVALID_ENTRY_NAME,
            ReasonCode.EMPTY_INPUT, ReasonCode.TOO_MANY_ENTRIES, ReasonCode.TOO_MUCH_DATA,
            ReasonCode.COMPRESSION_RATIO_EXCEEDED, ReasonCode.ENCRYPTED_ENTRY, ReasonCode.COMPILER_MISMATCH,
            ReasonCode.RESTART_REQUIRED);

    /** A refusal of the input passes; hotpatch's own failure (a wrong patch, a scratch file error) is a finding. */
    static void mustRefuseTheInput(HotpatchException e) {
        if (!INPUT_REFUSALS.contains(e.reason())) {
            throw new AssertionError("hotpatch failed on its own, not because of the input: " + e.getMessage(), e);
        }
    }

    /**
     * Raw bytes, or an archive built from the fuzzer's data (so that well-formed structure, which
     * random bytes rarely reach, is explored too) with some of its bytes then overwritten. Kept
     * as code rather than as binary seed files.
     */
    private static byte[] artifact(FuzzedDataProvider data, int budget) {
        int kind = data.consumeInt(0, 3);
        if (kind == 0) {
            return data.consumeBytes(budget);
        }
        TestArchives.ZipBuilder zip = TestArchives.zip();
        TestArchives.TarBuilder tar = TestArchives.tar();
        int entries = data.consumeInt(0, 6);
        for (int i = 0; i < entries; i++) {
            String name = data.consumeString(24);
            boolean nested = data.consumeBoolean();
            String innerName = data.consumeString(16);
            byte[] inner = data.consumeBytes(nested ? 64 : 128);
            try {
                byte[] content = nested ? TestArchives.zip().add(innerName, inner).bytes() : inner;
                if (data.consumeBoolean()) {
                    zip.stored(name, content);
                } else {
                    zip.add(name, content);
                }
                tar.add(name, content);
            } catch (RuntimeException invalidForTheWriter) {
                // java.util.zip refuses some names; the fixture just has one entry fewer
            }
        }
        byte[] bytes;
        try {
            bytes = kind == 1 ? zip.bytes() : kind == 2 ? tar.tarBytes() : tar.tarGzBytes();
        } catch (RuntimeException invalidForTheWriter) {
            return data.consumeBytes(budget);
        }
        int flips = data.consumeInt(0, 8);
        for (int i = 0; i < flips && bytes.length > 0; i++) {
            bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
        }
        return bytes;
    }

    /** Reads every entry and every nested archive, as a diff against an empty side would. */
    private static void readAll(ArchiveReader reader, Archive archive) {
        for (ArchiveEntry entry : archive.entries()) {
            try (InputStream in = entry.openStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                continue; // the Differ turns this into CORRUPT_ARCHIVE with the entry's path
            }
            reader.openNested(archive, entry).ifPresent(nested -> {
                try (Archive n = nested) {
                    readAll(reader, n);
                }
            });
        }
    }

    private interface InDirectory {
        void run(Path dir) throws IOException;
    }

    private static void inScratchDirectory(InDirectory body) {
        Path dir;
        try {
            dir = Files.createTempDirectory("hotpatch-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            body.run(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ScratchFiles.deleteTree(dir);
        }
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
