package dev.hotpatch.agent;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.invoke.MethodHandles;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts class bytes in place: a transformer hands patched bytes to classes as any class loader
 * loads them, and classes already loaded are redefined in the loader that loaded them. Every
 * apply states the full set of patched classes; classes patched before and not any more get
 * their original bytes back.
 */
final class ClassPatcher implements ClassFileTransformer {
    private final Instrumentation instrumentation;
    private final AgentLog log;
    private volatile Map<String, byte[]> active = Map.of();

    ClassPatcher(Instrumentation instrumentation, AgentLog log) {
        this.instrumentation = instrumentation;
        this.log = log;
    }

    void install() {
        instrumentation.addTransformer(this, false);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classfileBuffer) {
        return redefined == null ? active.get(className) : null;
    }

    /**
     * Makes {@code patched} the patched classes.
     *
     * @param patched   internal class name → new bytes
     * @param originals internal class name → original bytes, for every class patched before that is not in {@code patched}
     * @param added     the names in {@code patched} that the deployed artifact does not have
     * @return how many loaded classes were redefined
     */
    int apply(Map<String, byte[]> patched, Map<String, byte[]> originals, Set<String> added)
            throws UnmodifiableClassException, ClassNotFoundException {
        Map<String, byte[]> wanted = new HashMap<>(originals);
        wanted.putAll(patched);
        List<ClassDefinition> definitions = new ArrayList<>();
        Set<String> loaded = new HashSet<>();
        Map<String, Class<?>> siblings = new HashMap<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            String name = c.getName().replace('.', '/');
            byte[] bytes = wanted.get(name);
            if (bytes != null && instrumentation.isModifiableClass(c)) {
                definitions.add(new ClassDefinition(c, bytes));
                loaded.add(name);
            }
            siblings.putIfAbsent(packageOf(name), c);
        }
        if (!definitions.isEmpty()) {
            instrumentation.redefineClasses(definitions.toArray(ClassDefinition[]::new));
        }
        active = Map.copyOf(patched);
        for (String name : added) {
            if (!loaded.contains(name)) {
                define(name, patched.get(name), siblings.get(packageOf(name)));
            }
        }
        return definitions.size();
    }

    /** Defines a class the deployed build does not have next to a loaded class of its package. */
    private void define(String name, byte[] bytes, Class<?> sibling) {
        if (sibling == null || sibling.getClassLoader() == null) {
            log.line("new class " + name.replace('/', '.') + " is not defined: no class of its package is loaded yet;"
                    + " it cannot be loaded from the deployed artifact either");
            return;
        }
        try {
            MethodHandles.privateLookupIn(sibling, MethodHandles.lookup()).defineClass(bytes);
            log.line("defined new class " + name.replace('/', '.') + " in " + sibling.getClassLoader());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.line("new class " + name.replace('/', '.') + " could not be defined: " + e);
        }
    }

    private static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash);
    }
}
