package dev.hotpatch.core;

import dev.hotpatch.format.Sha256;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.testing.Greeter;
import dev.hotpatch.core.testing.TestArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same inputs give a byte-identical patch: across runs and input timestamps (and JDKs: the CLI
 * module runs the CLI under a second JDK, {@code CliReproducibilityTest}).
 */
class ReproducibilityTest {
    @TempDir
    Path dir;

    private Path deployed;
    private Path branch;

    @BeforeEach
    void builds() {
        deployed = app(Greeter.deployed()).write(dir.resolve("deployed.jar"));
        branch = app(Greeter.fixed()).stored("BOOT-INF/lib/added-1.0.jar", zip().add("a/A.class", "a").bytes())
                .write(dir.resolve("branch.jar"));
    }

    @Test
    void twoRunsWriteIdenticalBytes() throws IOException {
        byte[] first = patch(deployed, branch, dir.resolve("one"));
        byte[] second = patch(deployed, branch, dir.resolve("two"));

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void aRebuiltBranchWithOtherTimestampsGivesTheSameHash() throws IOException {
        Path rebuilt = app(Greeter.fixed()).stored("BOOT-INF/lib/added-1.0.jar", zip().add("a/A.class", "a").bytes())
                .time(1_700_000_000_000L).write(dir.resolve("rebuilt.jar"));
        assertThat(Files.readAllBytes(rebuilt)).isNotEqualTo(Files.readAllBytes(branch));

        assertThat(Sha256.of(patch(deployed, rebuilt, dir.resolve("rebuilt"))))
                .isEqualTo(Sha256.of(patch(deployed, branch, dir.resolve("original"))));
    }

    private static byte[] patch(Path baseline, Path target, Path out) throws IOException {
        // the added library needs a restart: this test is about bytes, not the verdict
        new Hotpatch(e -> { }).diff(DiffRequest.builder(baseline, target, out).failOnRestartRequired(false).build());
        return Files.readAllBytes(out.resolve(DiffRequest.ARCHIVE_NAME));
    }

    private static TestArchives.ZipBuilder app(byte[] greeterClass) {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                .add("BOOT-INF/classes/application.properties", "greeting=hello\n")
                .stored("BOOT-INF/lib/greeting-1.0.jar", zip().add(Greeter.ENTRY, greeterClass).bytes());
    }
}
