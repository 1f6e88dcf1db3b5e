package dev.hotpatch.core;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.testing.Greeter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages that say what to do name the option as the caller's users set it, never another caller's. */
class OptionNamesTest {
    private static final OptionNames SHELL = new OptionNames("--accept-compilers", "--pass-on-restart",
            "--depth N", "--entries N", "--bytes N", "--ratio N");

    @TempDir
    Path dir;

    @Test
    void aRestartVerdictNamesTheCallersOptionToLetTheRunPass() {
        Path deployed = zip().add(Greeter.ENTRY, Greeter.deployed()).write(dir.resolve("deployed.jar"));
        Path branch = zip().add(Greeter.ENTRY, Greeter.deployed()).stored("lib/extra-1.0.jar",
                zip().add("x/X.class", "x").bytes()).write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, ReadLimits.DEFAULTS)).isInstanceOfSatisfying(
                HotpatchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.RESTART_REQUIRED);
                    assertThat(e.getMessage()).contains("Use --pass-on-restart to let the run pass")
                            .doesNotContain("-Dhotpatch").doesNotContain("failOnRestartRequired");
                });
    }

    @Test
    void aLimitThatWasHitNamesTheCallersOptionThatRaisesIt() {
        Path deployed = zip().add("a.jar", zip().add("b.jar", zip().add("leaf.txt", "old").bytes()).bytes())
                .write(dir.resolve("deployed.jar"));
        Path branch = zip().add("a.jar", zip().add("b.jar", zip().add("leaf.txt", "new").bytes()).bytes())
                .write(dir.resolve("branch.jar"));

        assertThatThrownBy(() -> diff(deployed, branch, ReadLimits.DEFAULTS.withMaxNestingDepth(1)))
                .isInstanceOfSatisfying(HotpatchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ReasonCode.NESTING_TOO_DEEP);
                    assertThat(e.location()).isEqualTo(deployed + "!/a.jar!/b.jar");
                    assertThat(e.getMessage()).contains("more than the limit of 1. Raise the limit with --depth N")
                            .doesNotContain("hotpatch.maxNestingDepth");
                });
    }

    @Test
    void everyLimitHasAdviceAndOtherFailuresHaveNone() {
        assertThat(SHELL.advice(ReasonCode.NESTING_TOO_DEEP)).hasValueSatisfying(a -> assertThat(a).contains("--depth N"));
        assertThat(SHELL.advice(ReasonCode.TOO_MANY_ENTRIES)).hasValueSatisfying(a -> assertThat(a).contains("--entries N"));
        assertThat(SHELL.advice(ReasonCode.TOO_MUCH_DATA)).hasValueSatisfying(a -> assertThat(a).contains("--bytes N"));
        assertThat(SHELL.advice(ReasonCode.COMPRESSION_RATIO_EXCEEDED))
                .hasValueSatisfying(a -> assertThat(a).contains("--ratio N"));
        assertThat(SHELL.advice(ReasonCode.UNSAFE_ENTRY_NAME)).isEmpty();
    }

    private DiffResult diff(Path baseline, Path target, ReadLimits limits) {
        return new Hotpatch(e -> { }).diff(DiffRequest.builder(baseline, target, dir.resolve("out")).limits(limits)
                .optionNames(SHELL).build());
    }
}
