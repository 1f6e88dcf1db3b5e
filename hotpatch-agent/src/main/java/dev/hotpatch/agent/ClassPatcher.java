package dev.hotpatch.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts an {@link ApplyPlan} in place and takes it out again.
 *
 * <p>One retransformation-capable transformer serves every class of the plan: a class loaded after
 * the plan is in force gets its new bytes as it loads, and a class loaded before is retransformed,
 * which hands the transformer the JVM's copy of the class's original bytes. Returning nothing for
 * a class therefore restores the deployed build's bytes; no jar is read again to undo a patch.
 * Classes are matched by name <em>and</em> container, so two jars with the same class name each get
 * their own bytes or none.
 *
 * <p>New classes are defined, supertypes first, in every class loader that serves their container:
 * at once where such a loader has loaded a class already, else when it loads its first class of
 * that container, before that class can reach them.
 */
final class ClassPatcher implements ClassFileTransformer {
    /** Told about new classes defined on an application thread, after {@link #apply} returned. */
    interface Callback {
        void definedLater(ApplyPlan plan, String container, ClassLoader loader);

        void defineFailed(ApplyPlan plan, String container, Throwable failure);
    }

    /** A step that could not be carried out; the plan in force before is back in force. */
    static final class Failure extends Exception {
        final AgentReason reason;

        Failure(AgentReason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }
    }

    /** What {@link #apply} did with each step. */
    record Outcome(Map<ApplyPlan.Step, String> steps, boolean complete) { }

    private final Instrumentation instrumentation;
    private final Containers containers;
    private final AgentLog log;
    private final Callback callback;
    private volatile ApplyPlan active = ApplyPlan.EMPTY;
    /** The bytes each class this agent defined was first defined with, by container and name. */
    private final Map<String, byte[]> defined = new java.util.concurrent.ConcurrentHashMap<>();
    private Method defineClass;
    private Method findLoadedClass;

    ClassPatcher(Instrumentation instrumentation, Containers containers, AgentLog log, Callback callback) {
        this.instrumentation = instrumentation;
        this.containers = containers;
        this.log = log;
        this.callback = callback;
    }

    void install() {
        instrumentation.addTransformer(this, true);
        try {
            // defining a class in an application's loader needs ClassLoader's protected methods
            Module agent = ClassPatcher.class.getModule();
            instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
            defineClass = ClassLoader.class.getDeclaredMethod("defineClass", String.class, byte[].class, int.class,
                    int.class, ProtectionDomain.class);
            defineClass.setAccessible(true);
            findLoadedClass = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            findLoadedClass.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.line("new classes cannot be defined in this JVM (" + e + "); patches that add classes will be refused");
        }
    }

    ApplyPlan active() {
        return active;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefining, ProtectionDomain domain,
            byte[] classfileBuffer) {
        ApplyPlan plan = active;
        if (plan.isEmpty() || className == null) {
            return null;
        }
        try {
            String container = null;
            if (redefining == null && loader != null && !plan.definesByContainer().isEmpty()) {
                container = containers.of(domain, plan.containers());
                if (container != null && plan.definesByContainer().containsKey(container)
                        && plan.claim(loader, container)) {
                    try {
                        defineAll(plan, container, loader, domain);
                        callback.definedLater(plan, container, loader);
                    } catch (Throwable t) {
                        callback.defineFailed(plan, container, t);
                    }
                }
            }
            if (plan.stepsFor(className) == null) {
                return null;
            }
            if (container == null) {
                container = containers.of(domain, plan.containers());
            }
            return plan.bytesFor(className, container);
        } catch (Throwable t) {
            log.line("transformer failed for " + className + " (" + t + "); the class loads as deployed");
            return null;
        }
    }

    /**
     * Makes {@code next} the plan in force: defines its new classes where their loaders exist, and
     * retransforms every loaded class that the plan in force or the next one names, in one call.
     * On failure the plan in force before is put back and the JVM runs what it ran.
     */
    Outcome apply(ApplyPlan next) throws Failure {
        ApplyPlan previous = active;
        active = next; // from here on, classes that load get the next plan's bytes
        Map<ApplyPlan.Step, String> outcome = new java.util.LinkedHashMap<>();
        try {
            Map<ClassLoader, Map<String, ProtectionDomain>> loaders = next.definesByContainer().isEmpty()
                    ? Map.of() : loadersOf(next.definesByContainer().keySet());
            if (!next.definesByContainer().isEmpty() && defineClass == null) {
                throw new Failure(AgentReason.DEFINE_FAILED, "this JVM does not let the agent define classes", null);
            }
            for (Map.Entry<ClassLoader, Map<String, ProtectionDomain>> l : loaders.entrySet()) {
                for (Map.Entry<String, ProtectionDomain> c : l.getValue().entrySet()) {
                    if (next.claim(l.getKey(), c.getKey())) {
                        try {
                            defineAll(next, c.getKey(), l.getKey(), c.getValue());
                        } catch (Throwable t) {
                            throw new Failure(AgentReason.DEFINE_FAILED, "a new class of " + label(c.getKey())
                                    + " could not be defined in " + l.getKey() + ": " + t, t);
                        }
                    }
                }
            }
            List<Class<?>> targets = loadedClassesOf(previous, next);
            if (!targets.isEmpty()) {
                try {
                    instrumentation.retransformClasses(targets.toArray(Class<?>[]::new));
                } catch (Throwable t) {
                    throw new Failure(stackedShapeChange(next, targets) ? AgentReason.STACKED_SHAPE_CHANGE
                            : AgentReason.REDEFINITION_FAILED, "the JVM refused to redefine "
                            + names(targets) + ": " + t, t);
                }
            }
            Map<ApplyPlan.Step, Integer> redefined = new IdentityHashMap<>();
            for (Class<?> c : targets) {
                String container = containers.of(c.getProtectionDomain(), next.containers());
                for (ApplyPlan.Step s : stepsOf(next, c.getName().replace('.', '/'))) {
                    if (s.container().equals(container)) {
                        redefined.merge(s, 1, Integer::sum);
                    }
                }
            }
            Set<String> pending = next.pendingContainers();
            for (ApplyPlan.Step s : next.steps()) {
                outcome.put(s, switch (s.action()) {
                    case REDEFINE -> redefined.containsKey(s) ? "redefined in " + redefined.get(s) + " class loader(s)"
                            : "not loaded yet; it gets the new bytes when it loads";
                    case DEFINE -> pending.contains(s.container()) ? "waits for the class loader of "
                            + label(s.container()) + " (defined when it loads its first class)"
                            : "defined in " + definedLoaders(next, s) + " class loader(s)";
                    case KEEP -> "removed class stays loaded; the new code does not use it";
                    case RESTART -> "not applied";
                });
            }
            return new Outcome(outcome, pending.isEmpty());
        } catch (Failure f) {
            restore(previous, next);
            throw f;
        } catch (Throwable t) {
            restore(previous, next);
            throw new Failure(AgentReason.INTERNAL_ERROR, "applying failed: " + t, t);
        }
    }

    /** Puts {@code previous} back in force after {@code failed} was partly put in place. Never throws. */
    void restore(ApplyPlan previous, ApplyPlan failed) {
        active = previous;
        try {
            List<Class<?>> targets = loadedClassesOf(previous, failed);
            if (!targets.isEmpty()) {
                instrumentation.retransformClasses(targets.toArray(Class<?>[]::new));
            }
        } catch (Throwable t) {
            log.line("could not put the previous code back in every class (" + t + ")");
        }
    }

    private static List<ApplyPlan.Step> stepsOf(ApplyPlan plan, String name) {
        List<ApplyPlan.Step> steps = plan.stepsFor(name);
        return steps == null ? List.of() : steps;
    }

    private int definedLoaders(ApplyPlan plan, ApplyPlan.Step step) {
        int n = 0;
        for (ClassLoader l : loadersOf(Set.of(step.container())).keySet()) {
            if (findLoaded(l, step.binaryName()) != null) {
                n++;
            }
        }
        return n;
    }

    /** The loaded classes, of every loader, that either plan names in their container. */
    private List<Class<?>> loadedClassesOf(ApplyPlan a, ApplyPlan b) {
        Set<String> names = new HashSet<>(a.classNames());
        names.addAll(b.classNames());
        Set<String> both = new LinkedHashSet<>(a.containers());
        both.addAll(b.containers());
        List<Class<?>> found = new ArrayList<>();
        if (names.isEmpty()) {
            return found;
        }
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            String name = c.getName().replace('.', '/');
            if (!names.contains(name) || !instrumentation.isModifiableClass(c)) {
                continue;
            }
            String container = containers.of(c.getProtectionDomain(), both);
            if (container != null && (a.bytesFor(name, container) != null || b.bytesFor(name, container) != null)) {
                found.add(c);
            }
        }
        return found;
    }

    /** For each class loader that has loaded a class of one of the containers: the container's protection domain. */
    private Map<ClassLoader, Map<String, ProtectionDomain>> loadersOf(Set<String> wanted) {
        Map<ClassLoader, Map<String, ProtectionDomain>> loaders = new IdentityHashMap<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader == null || c.isArray() || c.isHidden()) {
                continue;
            }
            ProtectionDomain domain = c.getProtectionDomain();
            String container = containers.of(domain, wanted);
            if (container != null) {
                loaders.computeIfAbsent(loader, k -> new java.util.LinkedHashMap<>()).putIfAbsent(container, domain);
            }
        }
        return loaders;
    }

    /** Defines the container's new classes in the loader, supertypes first; classes it already has are skipped. */
    private void defineAll(ApplyPlan plan, String container, ClassLoader loader, ProtectionDomain domain)
            throws ReflectiveOperationException {
        if (defineClass == null) {
            throw new IllegalStateException("this JVM does not let the agent define classes");
        }
        for (ApplyPlan.Step s : plan.definesByContainer().get(container)) {
            if (findLoaded(loader, s.binaryName()) != null) {
                continue; // an earlier patch defined it: retransformation gives it this plan's bytes
            }
            try {
                defineClass.invoke(loader, s.binaryName(), s.bytes(), 0, s.bytes().length, domain);
                defined.putIfAbsent(container + "!/" + s.className(), s.bytes());
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof LinkageError && findLoaded(loader, s.binaryName()) != null) {
                    continue; // another thread defined it first
                }
                throw e.getCause() instanceof Exception ex ? new ReflectiveOperationException(ex.toString(), ex)
                        : new ReflectiveOperationException(String.valueOf(e.getCause()), e.getCause());
            }
            log.line("defined new class " + s.binaryName() + " in " + loader + " (" + label(container) + ")");
        }
    }

    private Class<?> findLoaded(ClassLoader loader, String binaryName) {
        try {
            return (Class<?>) findLoadedClass.invoke(loader, binaryName);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the refusal may come from a class an earlier patch added that this one changes. */
    private boolean stackedShapeChange(ApplyPlan next, List<Class<?>> targets) {
        for (Class<?> c : targets) {
            String name = c.getName().replace('.', '/');
            for (ApplyPlan.Step s : stepsOf(next, name)) {
                byte[] before = defined.get(s.container() + "!/" + name);
                if (s.action() == dev.hotpatch.format.Action.DEFINE && before != null
                        && !java.util.Arrays.equals(before, s.bytes())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String names(List<Class<?>> classes) {
        return classes.size() <= 5 ? classes.stream().map(Class::getName).toList().toString()
                : classes.size() + " classes";
    }

    static String label(String container) {
        return container.isEmpty() ? "the deployed jar" : container;
    }
}
