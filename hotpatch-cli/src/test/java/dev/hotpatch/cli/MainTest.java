package dev.hotpatch.cli;

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

/** {@code hotpatch diff OLD NEW --out DIR}: outputs, exit codes and messages. */
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
        assertThat(text(err)).contains("--max-entries needs a whole number from 1 to 2147483647, not 0")
                .contains("usage: hotpatch diff").doesNotContain("maxEntries");
    }

    @Test
    void helpListsEveryOptionOnStandardOutputAndExitsWithZero() {
        for (String help : new String[] {"--help", "-h"}) {
            out.reset();

            assertThat(run(help)).isZero();

            assertThat(text(out)).startsWith("usage: hotpatch diff BASELINE TARGET [options]");
            for (Main.Flag flag : Main.Flag.values()) {
                assertThat(text(out)).contains("  " + flag.usage() + " ");
            }
            assertThat(text(out)).contains("--max-compression-ratio N").contains("--no-fail-on-restart");
        }
        assertThat(text(err)).isEmpty();
    }

    @Test
    void helpWinsOverAnIncompleteCommandLine() {
        assertThat(run("diff", "--help")).isZero();
        assertThat(text(out)).contains("usage: hotpatch diff");
    }

    @Test
    void versionPrintsTheBuiltVersionAndExitsWithZero() {
        assertThat(run("--version")).isZero();

        assertThat(text(out).strip()).matches("hotpatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("diff", "a.jar", "b.jar", "--fail-fast")).isEqualTo(2);
        assertThat(text(err)).contains("hotpatch: unknown option --fail-fast").contains("usage: hotpatch diff");
    }

    @Test
    void aRestartVerdictTellsTheUserTheFlagNotAMavenProperty() {
        Path deployed = zip().add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add(Greeter.ENTRY, Greeter.deployed()).stored("lib/extra-1.0.jar",
                zip().add("x/X.class", "x").bytes()).write(dir.resolve("branch.jar"));

        int exit = run("diff", deployed.toString(), branch.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).contains("hotpatch: RESTART_REQUIRED").contains("Use --no-fail-on-restart to let the run pass")
                .doesNotContain("-D").doesNotContain("hotpatch.failOnRestartRequired");
        assertThat(run("diff", deployed.toString(), branch.toString(), "--out", dir.resolve("out").toString(),
                "--no-fail-on-restart")).as("the flag it names works").isZero();
    }

    @Test
    void aCompilerMismatchTellsTheUserTheFlagAndTheFlagTurnsItIntoAWarning() {
        Path deployed = zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuild-Jdk-Spec: 17\n")
                .add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuild-Jdk-Spec: 25\n")
                .add(Greeter.ENTRY, Greeter.fixed()).write(dir.resolve("branch.jar"));

        int exit = run("diff", deployed.toString(), branch.toString(), "--out", dir.resolve("out").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).contains("hotpatch: COMPILER_MISMATCH").contains("use --skip-compiler-check to accept")
                .doesNotContain("-D").doesNotContain("hotpatch.skipCompilerCheck");
        err.reset();
        assertThat(run("diff", deployed.toString(), branch.toString(), "--out", dir.resolve("out").toString(),
                "--skip-compiler-check")).isZero();
        assertThat(text(err)).contains("warning: ").contains("Going on because of --skip-compiler-check.");
    }

    @Test
    void aLimitThatWasHitTellsTheUserTheFlagThatRaisesIt() {
        Path deployed = zip().add("a.jar", zip().add("leaf.txt", "old").bytes()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add("a.jar", zip().add("leaf.txt", "new").bytes()).write(dir.resolve("branch.jar"));

        int exit = run("diff", deployed.toString(), branch.toString(), "--out", dir.resolve("out").toString(),
                "--max-nesting-depth", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(text(err)).contains("hotpatch: NESTING_TOO_DEEP").contains("Raise the limit with --max-nesting-depth N")
                .doesNotContain("hotpatch.maxNestingDepth");
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
