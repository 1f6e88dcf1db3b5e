package dev.hotpatch.core.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's failures without the agent (the agent's ITs run the real thing): one clear line each. */
class DryRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aJvmThatGivesNoAnswerFailsWithWhatItSaid() throws Exception {
        Path notAJar = Files.writeString(dir.resolve("hotpatch-agent.jar"), "not a jar");

        assertThatThrownBy(() -> new DryRunner(DryRunOptions.with(notAJar)).run(dir, notAJar, List.of()))
                .isInstanceOfSatisfying(HotpatchException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.reason()).isEqualTo(ReasonCode.DRY_RUN_FAILED))
                .hasMessageContaining("exited with 1 and gave no answer")
                .hasMessageContaining("hotpatch-agent.jar");
    }

    @Test
    void aMissingAgentJarIsNamed() {
        Path missing = dir.resolve("missing.jar");

        assertThatThrownBy(() -> new DryRunner(DryRunOptions.with(missing)).run(dir, missing, List.of()))
                .hasMessageContaining("The hotpatch agent jar " + missing + " that runs the dry run does not exist");
    }

    @Test
    void boundsAreChecked() {
        Path jar = dir.resolve("a.jar");
        for (String bad : new String[] {"lots", "", "m", "12x", "-1g", "1.5g", "512mb"}) {
            assertThatThrownBy(() -> DryRunOptions.with(jar).maxHeap(bad)).as(bad).hasMessageContaining("like 512m");
        }
        for (String good : new String[] {"512m", "2G", "1048576", "64k"}) {
            assertThat(DryRunOptions.with(jar).maxHeap(good).maxHeap()).isEqualTo(good);
        }
        assertThatThrownBy(() -> DryRunOptions.with(jar).timeout(java.time.Duration.ZERO))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new DryRunOptions(true, null, null, java.time.Duration.ofSeconds(1), "1m"))
                .hasMessageContaining("needs the hotpatch agent jar");
    }
}
