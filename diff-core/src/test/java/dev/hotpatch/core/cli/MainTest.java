package dev.hotpatch.core.cli;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.format.Sha256;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.testing.FailureReports;
import dev.hotpatch.core.testing.Greeter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar diff-core-cli.jar diff OLD NEW --out DIR}: outputs, exit codes and messages. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesThePatchAndPrintsItsHash() throws IOException {
        Path deployed = zip().add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add(Greeter.ENTRY, Greeter.fixed()).write(dir.resolve("branch.jar"));

        int exit = run("diff", deployed.toString(), branch.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).as(text(err)).isZero();
        String hash = Sha256.of(Files.readAllBytes(dir.resolve("out/hotpatch.jar")));
        assertThat(text(out)).contains("Changes: 0 added, 1 modified, 0 removed; 0 ignored").contains("hash: " + hash);
        assertThat(dir.resolve("out/report.json")).exists();
        assertThat(dir.resolve("out/hotpatch.jar.sha256")).hasContent(hash + "  hotpatch.jar");
    }

    @Test
    void aFailedRunExitsWithOneAndSaysWhyOnStandardError() {
        Path missing = dir.resolve("missing.jar");

        int exit = run("diff", missing.toString(), missing.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).contains("hotpatch:").contains(missing.toString());
        assertThat(dir.resolve("out/hotpatch.jar")).doesNotExist();
    }

    @Test
    void aBadCommandLineExitsWithTwoAndPrintsUsage() {
        int exit = run("diff", "only-one.jar", "--max-entries", "many");

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("--max-entries needs a whole number").contains("usage: hotpatch diff");
    }

    @Test
    void aHostileArchiveExitsWithOneNamesTheEntryOnStandardErrorAndLeavesOnlyTheFailureReport() throws IOException {
        Path deployed = zip().add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add(Greeter.ENTRY, Greeter.fixed()).add("../../etc/cron.d/evil", "* * * * * x")
                .write(dir.resolve("branch.jar"));
        Path earlier = zip().add(Greeter.ENTRY, Greeter.fixed()).write(dir.resolve("earlier.jar"));
        assertThat(run("diff", deployed.toString(), earlier.toString(), "--out", dir.resolve("out").toString()))
                .as("an earlier run leaves outputs").isZero();
        out.reset();

        int exit = run("diff", deployed.toString(), branch.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).contains("hotpatch: UNSAFE_ENTRY_NAME").contains(branch + "!/../../etc/cron.d/evil");
        assertThat(text(out)).doesNotContain("hash:");
        FailureReports.assertOnlyFailureReport(dir.resolve("out"), ReasonCode.UNSAFE_ENTRY_NAME,
                branch + "!/../../etc/cron.d/evil");
    }

    @Test
    void aLimitThatIsNotPositiveIsAUsageError() {
        int exit = run("diff", "a.jar", "b.jar", "--max-entries", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(text(err)).contains("INVALID_REQUEST").contains("maxEntries=0").contains("usage: hotpatch diff");
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
