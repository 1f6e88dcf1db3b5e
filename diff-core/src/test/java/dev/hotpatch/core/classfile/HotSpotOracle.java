package dev.hotpatch.core.classfile;

import dev.hotpatch.core.testing.JavaSources;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * HotSpot itself as the oracle for a {@link SwapCase}: the old {@code p.C} is loaded in a fresh loader
 * of the test's own JVM and HotSpot is offered the new bytes. Used by the differential test of the
 * rules and by the dry run's differential test (in hotpatch-agent).
 */
final class HotSpotOracle {
    private static Instrumentation instrumentation;

    private HotSpotOracle() {
    }

    /** What HotSpot does with the case: HOT_SWAPPABLE when it redefines old {@code p.C} to new, else RESTART_REQUIRED. */
    static Verdict of(SwapCase change) throws Exception {
        return redefine(before(change), after(change));
    }

    static Map<String, byte[]> before(SwapCase change) {
        return compile(change.oldSource, change.support(), change.oldOptions);
    }

    static Map<String, byte[]> after(SwapCase change) {
        return compile(change.newSource, change.support(), change.newOptions);
    }

    static synchronized Instrumentation instrumentation() {
        if (instrumentation == null) {
            instrumentation = ByteBuddyAgent.install();
        }
        return instrumentation;
    }

    /** Loads the old {@code p.C} in a fresh loader and offers HotSpot the new bytes. */
    static Verdict redefine(Map<String, byte[]> before, Map<String, byte[]> after) throws Exception {
        Map<String, byte[]> visible = new HashMap<>(after);
        visible.putAll(before);
        ClassLoader loader = new ClassLoader(HotSpotOracle.class.getClassLoader().getParent()) {
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
            instrumentation().redefineClasses(new ClassDefinition(c, after.get("p/C.class")));
            return Verdict.HOT_SWAPPABLE;
        } catch (UnsupportedOperationException | ClassFormatError | VerifyError e) {
            return Verdict.RESTART_REQUIRED;
        }
    }

    private static Map<String, byte[]> compile(String source, Map<String, String> support, List<String> options) {
        Map<String, String> units = new HashMap<>(support);
        units.put("p.C", source);
        List<String> all = new java.util.ArrayList<>(List.of("-g"));
        all.addAll(options);
        return JavaSources.compile(units, all.toArray(String[]::new));
    }
}
