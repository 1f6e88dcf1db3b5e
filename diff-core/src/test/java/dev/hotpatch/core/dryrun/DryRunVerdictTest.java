package dev.hotpatch.core.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.classfile.Assessment;
import dev.hotpatch.core.classfile.ChangeVerdict;
import dev.hotpatch.core.classfile.Finding;
import dev.hotpatch.core.classfile.SwapReason;
import dev.hotpatch.core.classfile.Verdict;
import dev.hotpatch.format.Action;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.format.ClassLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the dry run's answers meet the rules' verdict, without forking a JVM. */
class DryRunVerdictTest {
    private static final DryRunResult.Jvm JVM = new DryRunResult.Jvm("Acme", "17.0.9+9", "HotSpot VM");
    private static final String BODY = "BOOT-INF/classes/a/Body.class";
    private static final String SHAPE = "BOOT-INF/classes/a/Shape.class";
    private static final String PROPS = "BOOT-INF/classes/app.properties";

    @TempDir
    Path dir;

    private static ChangeVerdict hot(String path) {
        return new ChangeVerdict(EntryPath.of(path), Verdict.HOT_SWAPPABLE,
                List.of(new Finding(SwapReason.METHOD_BODY_CHANGED, "method body changed")), Action.REDEFINE,
                ClassLocation.of(path), List.of());
    }

    private static ChangeVerdict restart(String path, SwapReason reason) {
        return new ChangeVerdict(EntryPath.of(path), Verdict.RESTART_REQUIRED, List.of(new Finding(reason, "why")),
                Action.RESTART, ClassLocation.of(path), List.of());
    }

    private static final Map<EntryPath, ChangeKind> MODIFIED = Map.of(EntryPath.of(BODY), ChangeKind.MODIFIED,
            EntryPath.of(SHAPE), ChangeKind.MODIFIED, EntryPath.of(PROPS), ChangeKind.MODIFIED);

    @Test
    void aRefusalOfWhatTheRulesAcceptedIsARestartWithTheJvmsMessage() {
        Assessment rules = new Assessment(Verdict.HOT_SWAPPABLE, List.of(hot(BODY)));
        DryRunResult answer = new DryRunResult(DryRunResult.Status.COMPLETED, JVM, List.of(new DryRunResult.ClassAnswer(
                BODY, "BOOT-INF/classes", "a/Body", "REDEFINE", DryRunResult.Answer.REFUSED,
                "java.lang.VerifyError: Bad type on operand stack")), null);

        Assessment after = DryRunVerdict.apply(rules, answer);

        assertThat(after.verdict()).isEqualTo(Verdict.RESTART_REQUIRED);
        ChangeVerdict body = after.changes().get(0);
        assertThat(body.action()).isEqualTo(Action.RESTART);
        assertThat(body.findings()).last().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SwapReason.DRY_RUN_REFUSED);
            assertThat(f.message()).isEqualTo("Acme HotSpot VM 17.0.9+9 refused to redefine a.Body although the"
                    + " rules accept it: java.lang.VerifyError: Bad type on operand stack");
        });
    }

    @Test
    void acceptedAndUnloadableClassesLeaveTheVerdictAsItWas() {
        Assessment rules = new Assessment(Verdict.HOT_SWAPPABLE, List.of(hot(BODY)));
        for (DryRunResult.Answer a : List.of(DryRunResult.Answer.ACCEPTED, DryRunResult.Answer.NOT_LOADED)) {
            DryRunResult answer = new DryRunResult(DryRunResult.Status.COMPLETED, JVM, List.of(
                    new DryRunResult.ClassAnswer(BODY, "BOOT-INF/classes", "a/Body", "REDEFINE", a, "x")), null);
            assertThat(DryRunVerdict.apply(rules, answer)).isSameAs(rules);
        }
    }

    @Test
    void aProbeHotSpotTakesIsADisagreementButStaysARestart() {
        Assessment rules = new Assessment(Verdict.RESTART_REQUIRED, List.of(restart(SHAPE, SwapReason.METHOD_ADDED)));
        DryRunResult answer = new DryRunResult(DryRunResult.Status.COMPLETED, JVM, List.of(new DryRunResult.ClassAnswer(
                SHAPE, "BOOT-INF/classes", "a/Shape", "PROBE", DryRunResult.Answer.ACCEPTED, "redefined")), null);

        assertThat(DryRunVerdict.apply(rules, answer)).isSameAs(rules);
        assertThat(DryRunVerdict.disagreements(answer)).singleElement().asString()
                .contains("redefined a.Shape", "although the rules say it needs a restart", "stays RESTART_REQUIRED");
    }

    @Test
    void onlyClassesRefusedForTheirShapeAreProbed() {
        Assessment rules = new Assessment(Verdict.RESTART_REQUIRED, List.of(
                restart(SHAPE, SwapReason.FIELD_ADDED), restart(PROPS, SwapReason.RESOURCE_CHANGED),
                restart(BODY, SwapReason.MULTI_RELEASE_CLASS_CHANGED)));

        assertThat(DryRunVerdict.probes(rules, MODIFIED)).containsExactly(SHAPE);
        assertThat(DryRunVerdict.worthRunning(rules, List.of(SHAPE))).isTrue();
        assertThat(DryRunVerdict.worthRunning(rules, List.of())).isFalse();
        assertThat(DryRunVerdict.worthRunning(new Assessment(Verdict.HOT_SWAPPABLE, List.of(hot(BODY))), List.of()))
                .isTrue();
    }

    @Test
    void aTarDistributionIsSkippedWithTheReasonAZipIsNot() throws Exception {
        Path tar = Files.write(dir.resolve("app.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        Path jar = Files.write(dir.resolve("app.jar"), new byte[] {'P', 'K', 3, 4, 0});

        assertThat(DryRunVerdict.unsupported(tar, "")).contains("app.tar.gz is not a zip-format archive");
        assertThat(DryRunVerdict.unsupported(jar, "")).isNull();
        assertThat(DryRunVerdict.unsupported(dir, "")).isNull();
        assertThat(DryRunVerdict.unsupported(jar, "app-1.0")).contains("top folder app-1.0");
    }
}
