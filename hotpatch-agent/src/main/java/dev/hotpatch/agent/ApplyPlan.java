package dev.hotpatch.agent;

import dev.hotpatch.format.Action;
import dev.hotpatch.format.PatchContents;
import dev.hotpatch.format.PatchManifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The class steps of one verified patch, ready for the transformer: new bytes by class name and
 * container, and the DEFINE steps of each container in the order they must be defined (supertypes
 * first). Also remembers in which class loaders its new classes were defined.
 */
final class ApplyPlan {
    static final ApplyPlan EMPTY = new ApplyPlan(List.of());

    /** One class the plan puts in place. */
    record Step(Action action, String container, String className, byte[] bytes, String path) {
        String binaryName() {
            return className.replace('/', '.');
        }

        String describe() {
            return action + " " + binaryName() + (container.isEmpty() ? "" : " in " + container);
        }
    }

    private final List<Step> steps;
    private final Map<String, List<Step>> byClass = new HashMap<>();
    private final Map<String, List<Step>> definesByContainer = new LinkedHashMap<>();
    private final Set<String> containers = new LinkedHashSet<>();
    private final Map<ClassLoader, Set<String>> definedIn = Collections.synchronizedMap(new WeakHashMap<>());

    private ApplyPlan(List<Step> steps) {
        this.steps = List.copyOf(steps);
        for (Step s : steps) {
            if (s.action() == Action.REDEFINE || s.action() == Action.DEFINE) {
                byClass.computeIfAbsent(s.className(), k -> new ArrayList<>()).add(s);
                containers.add(s.container());
            }
        }
    }

    /** The plan of a verified patch whose manifest says it is hot-swappable. */
    static ApplyPlan of(PatchContents patch) {
        List<Step> steps = new ArrayList<>();
        Map<String, PatchManifest.Entry> entries = new HashMap<>();
        for (PatchManifest.Entry e : patch.manifest().changes()) {
            if (e.action() == Action.REDEFINE || e.action() == Action.DEFINE || e.action() == Action.KEEP) {
                steps.add(new Step(e.action(), e.container() == null ? "" : e.container(),
                        e.className() == null ? "" : e.className(), patch.content().get(e.path()), e.path()));
                entries.put(e.container() + "\u0000" + e.className(), e);
            }
        }
        ApplyPlan plan = new ApplyPlan(steps);
        for (Step s : steps) {
            if (s.action() == Action.DEFINE && !plan.definesByContainer.containsKey(s.container())) {
                plan.definesByContainer.put(s.container(), defineOrder(s.container(), steps, entries));
            }
        }
        return plan;
    }

    /** The container's DEFINE steps, each after the new supertypes its manifest entry names. */
    private static List<Step> defineOrder(String container, List<Step> steps, Map<String, PatchManifest.Entry> entries) {
        Map<String, Step> defines = new LinkedHashMap<>();
        for (Step s : steps) {
            if (s.action() == Action.DEFINE && s.container().equals(container)) {
                defines.put(s.className(), s);
            }
        }
        List<Step> ordered = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        for (String name : defines.keySet()) {
            visit(name, defines, entries, container, done, ordered, new java.util.HashSet<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(String name, Map<String, Step> defines, Map<String, PatchManifest.Entry> entries,
            String container, Set<String> done, List<Step> ordered, Set<String> path) {
        Step step = defines.get(name);
        if (step == null || done.contains(name) || !path.add(name)) {
            return;
        }
        for (String first : entries.get(container + "\u0000" + name).after()) {
            visit(first, defines, entries, container, done, ordered, path);
        }
        done.add(name);
        ordered.add(step);
    }

    List<Step> steps() {
        return steps;
    }

    boolean isEmpty() {
        return byClass.isEmpty();
    }

    /** The REDEFINE or DEFINE steps for a class name, in any container; null when the plan has none. */
    List<Step> stepsFor(String className) {
        return byClass.get(className);
    }

    Set<String> classNames() {
        return byClass.keySet();
    }

    /** The containers that steps of this plan name. */
    Set<String> containers() {
        return containers;
    }

    Map<String, List<Step>> definesByContainer() {
        return definesByContainer;
    }

    /** The new bytes for a class of a container, or null when the plan leaves it as deployed. */
    byte[] bytesFor(String className, String container) {
        List<Step> found = byClass.get(className);
        if (found != null && container != null) {
            for (Step s : found) {
                if (s.container().equals(container)) {
                    return s.bytes();
                }
            }
        }
        return null;
    }

    /** Claims the defining of a container's new classes in a loader; false when it was claimed before. */
    boolean claim(ClassLoader loader, String container) {
        synchronized (definedIn) {
            return definedIn.computeIfAbsent(loader, k -> new java.util.HashSet<>()).add(container);
        }
    }

    /** The containers with new classes that no class loader has received yet. */
    Set<String> pendingContainers() {
        Set<String> pending = new LinkedHashSet<>(definesByContainer.keySet());
        synchronized (definedIn) {
            definedIn.values().forEach(pending::removeAll);
        }
        return pending;
    }
}
