package dev.hotpatch.core.classfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The analyzer against its oracle: for every catalogued source change, HotSpot itself is asked to
 * redefine the old class with the new bytes ({@link HotSpotOracle}), and the analyzer's verdict must
 * agree with what it did. Runs on the JVM that runs the tests (JDK 17 by default; see
 * docs/reasons.md for JDK 25). The dry run's own differential test is {@code DryRunDifferentialIT}
 * in hotpatch-agent.
 */
class HotSwapDifferentialTest {
    @BeforeAll
    static void attach() {
        assertThat(HotSpotOracle.instrumentation().isRedefineClassesSupported()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SwapCase.class)
    void theAnalyzerAgreesWithHotSpot(SwapCase change) throws Exception {
        Map<String, byte[]> before = HotSpotOracle.before(change);
        Map<String, byte[]> after = HotSpotOracle.after(change);

        List<Finding> findings = ClassComparison.compare(ClassShape.parse(before.get("p/C.class")),
                ClassShape.parse(after.get("p/C.class")));
        Verdict predicted = ChangeVerdict.of(dev.hotpatch.core.archive.EntryPath.of("p/C.class"), findings).verdict();
        Verdict hotSpot = HotSpotOracle.redefine(before, after);

        assertThat(predicted).as("%s: HotSpot said %s, the analyzer said %s because %s", change, hotSpot, predicted,
                findings.stream().map(f -> f.code() + ": " + f.message()).collect(Collectors.joining("; ")))
                .isEqualTo(hotSpot);
        assertThat(findings).extracting(Finding::code).as("%s: the finding that makes the case", change)
                .contains(change.expected);
    }
}
