package dev.hotpatch.core.classfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.testing.JavaSources;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The analyzer against its oracle: for every catalogued source change, HotSpot itself is asked to
 * redefine the old class with the new bytes, and the analyzer's verdict must agree with what it did.
 * Runs on the JVM that runs the tests (JDK 17 by default; see docs/reasons.md for JDK 25).
 */
class HotSwapDifferentialTest {
    private static Instrumentation instrumentation;

    @BeforeAll
    static void attach() {
        instrumentation = ByteBuddyAgent.install();
        assertThat(instrumentation.isRedefineClassesSupported()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SwapCase.class)
    void theAnalyzerAgreesWithHotSpot(SwapCase change) throws Exception {
        Map<String, byte[]> before = compile(change.oldSource, change.support(), change.oldOptions);
        Map<String, byte[]> after = compile(change.newSource, change.support(), change.newOptions);

        List<Finding> findings = ClassComparison.compare(ClassShape.parse(before.get("p/C.class")),
                ClassShape.parse(after.get("p/C.class")));
        Verdict predicted = ChangeVerdict.of(dev.hotpatch.core.archive.EntryPath.of("p/C.class"), findings).verdict();
        Verdict hotSpot = redefine(before, after);

        assertThat(predicted).as("%s: HotSpot said %s, the analyzer said %s because %s", change, hotSpot, predicted,
                findings.stream().map(f -> f.code() + ": " + f.message()).collect(Collectors.joining("; ")))
                .isEqualTo(hotSpot);
        assertThat(findings).extracting(Finding::code).as("%s: the finding that makes the case", change)
                .contains(change.expected);
    }

    /** Loads the old {@code p.C} in a fresh loader and offers HotSpot the new bytes. */
    private static Verdict redefine(Map<String, byte[]> before, Map<String, byte[]> after) throws Exception {
        Map<String, byte[]> visible = new HashMap<>(after);
        visible.putAll(before);
        ClassLoader loader = new ClassLoader(HotSwapDifferentialTest.class.getClassLoader().getParent()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = visible.get(name.replace('.', '/') + ".class");
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        Class<?> c = Class.forName("p.C", false, loader);
        try {
            instrumentation.redefineClasses(new ClassDefinition(c, after.get("p/C.class")));
            return Verdict.HOT_SWAPPABLE;
        } catch (UnsupportedOperationException | ClassFormatError | VerifyError e) {
            return Verdict.RESTART_REQUIRED;
        }
    }

    private static Map<String, byte[]> compile(String source, Map<String, String> support, List<String> options) {
        Map<String, String> units = new HashMap<>(support);
        units.put("p.C", source);
        List<String> all = new ArrayList<>(List.of("-g"));
        all.addAll(options);
        return JavaSources.compile(units, all.toArray(String[]::new));
    }
}
