package dev.hotpatch.agent;

import dev.hotpatch.format.Action;
import dev.hotpatch.format.PatchContents;
import dev.hotpatch.format.PatchManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A throwaway JVM that asks HotSpot whether a patch applies, before the patch is published:
 * {@code java -jar hotpatch-agent.jar DEPLOYED PATCH SCRATCH [--probe PATH]...}.
 *
 * <p>It holds the deployed build's classes the way the service does ({@link DeployedClasses}: one
 * class loader per archive level, code sources that {@link Containers} maps to the plan's
 * containers), loads every class the plan redefines <em>without initialising it</em>, and carries
 * out the plan with the agent's own {@link ClassPatcher} and {@link ApplyPlan}. When the whole plan
 * is refused, each step is tried alone to find the classes HotSpot refuses. A {@code --probe} path
 * is a modified class the rules said needs a restart: it is tried alone too, so a disagreement
 * between the rules and this JVM shows in both directions.
 *
 * <p>The answer is one JSON object on standard output: the JVM (vendor, version) and per class
 * {@code ACCEPTED}, {@code REFUSED} (with HotSpot's message) or {@code NOT_LOADED} (the class cannot
 * be loaded in isolation, with the reason). Anything the loaded classes print goes to standard error.
 * Started through the jar's {@code Launcher-Agent-Class}, so it has the same {@link Instrumentation}
 * as the agent, and none of the agent's own start-up runs.
 */
public final class DryRun {
    static final String USAGE = "usage: java -jar hotpatch-agent.jar DEPLOYED PATCH SCRATCH_DIR [--probe PATH]...";
    private static volatile Instrumentation instrumentation;

    /** The answer HotSpot gave for one class. */
    enum Answer { ACCEPTED, REFUSED, NOT_LOADED }

    record Result(PatchManifest.Entry entry, String step, Answer answer, String message) { }

    private final PatchContents patch;
    private final DeployedClasses classes;
    private final ClassPatcher patcher;
    private final Map<String, Result> results = new LinkedHashMap<>();

    private DryRun(Instrumentation instrumentation, PatchContents patch, DeployedClasses classes, AgentLog log) {
        this.patch = patch;
        this.classes = classes;
        this.patcher = new ClassPatcher(instrumentation, new Containers(classes.deployed()), log,
                new ClassPatcher.Callback() {
                    @Override
                    public void definedLater(ApplyPlan plan, String container, ClassLoader loader) {
                    }

                    @Override
                    public void defineFailed(ApplyPlan plan, String container, Throwable failure) {
                    }
                });
        patcher.install();
    }

    public static void agentmain(String args, Instrumentation inst) {
        instrumentation = inst;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        System.setOut(System.err); // what loaded classes print must not end up in the answer
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jvm", jvm());
        int exit = 0;
        try {
            if (args.length < 3 || (args.length - 3) % 2 != 0) {
                throw new IllegalArgumentException(USAGE);
            }
            Set<String> probes = new LinkedHashSet<>();
            for (int i = 3; i < args.length; i += 2) {
                if (!args[i].equals("--probe")) {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
                probes.add(args[i + 1]);
            }
            if (instrumentation == null) {
                throw new IllegalStateException("no Instrumentation: start it with java -jar hotpatch-agent.jar");
            }
            PatchContents patch = PatchContents.read(Files.readAllBytes(Path.of(args[1])));
            try (DeployedClasses classes = DeployedClasses.open(Path.of(args[0]), Path.of(args[2]))) {
                DryRun run = new DryRun(instrumentation, patch, classes, new AgentLog(System.err, null));
                answer.put("classes", run.run(probes).stream().map(DryRun::json).toList());
            }
        } catch (Throwable t) {
            answer.put("error", t instanceof IllegalArgumentException || t instanceof IOException
                    ? String.valueOf(t.getMessage()) : t.toString());
            exit = 1;
        }
        out.print(dev.hotpatch.format.Json.write(answer));
        out.flush();
        System.exit(exit);
    }

    private static Map<String, Object> jvm() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("vendor", System.getProperty("java.vm.vendor"));
        jvm.put("version", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        jvm.put("name", System.getProperty("java.vm.name"));
        jvm.put("home", System.getProperty("java.home"));
        return jvm;
    }

    private static Map<String, Object> json(Result r) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("path", r.entry().path());
        n.put("container", r.entry().container());
        n.put("class", r.entry().className());
        n.put("step", r.step());
        n.put("answer", r.answer().name());
        if (r.message() != null) {
            n.put("message", r.message());
        }
        return n;
    }

    List<Result> run(Set<String> probePaths) {
        List<PatchManifest.Entry> plan = new ArrayList<>();
        List<PatchManifest.Entry> probes = new ArrayList<>();
        for (PatchManifest.Entry e : patch.manifest().changes()) {
            if (e.action() == Action.REDEFINE || e.action() == Action.DEFINE) {
                plan.add(e);
            } else if (probePaths.contains(e.path()) && e.action() == Action.RESTART
                    && e.kind() == dev.hotpatch.format.ChangeKind.MODIFIED && e.className() != null) {
                probes.add(asRedefine(e));
            }
        }
        // load (not initialise) what is redefined, and one class of each container that receives new classes
        for (PatchManifest.Entry e : concat(plan, probes)) {
            if (e.action() == Action.REDEFINE) {
                String failure = classes.load(e.container(), e.className());
                if (failure != null) {
                    results.put(e.path(), new Result(e, step(e, probes), Answer.NOT_LOADED, failure));
                }
            }
        }
        Set<String> defineContainers = new LinkedHashSet<>();
        plan.stream().filter(e -> e.action() == Action.DEFINE).forEach(e -> defineContainers.add(e.container()));
        for (String container : defineContainers) {
            String failure = classes.loadAny(container);
            if (failure != null) {
                plan.stream().filter(e -> e.action() == Action.DEFINE && e.container().equals(container))
                        .forEach(e -> results.put(e.path(), new Result(e, "DEFINE", Answer.NOT_LOADED, failure)));
            }
        }
        List<PatchManifest.Entry> tried = plan.stream().filter(e -> !results.containsKey(e.path())).toList();
        if (!tried.isEmpty()) {
            try {
                record(tried, patcher.apply(plan(tried)));
            } catch (ClassPatcher.Failure whole) {
                // which steps does HotSpot refuse? each alone (new classes defined so far stay defined)
                boolean someRefused = false;
                for (PatchManifest.Entry e : tried) {
                    someRefused |= tryAlone(e, withSupertypes(e, tried), e.action().name()) == Answer.REFUSED;
                }
                if (!someRefused) {
                    for (PatchManifest.Entry e : tried) {
                        results.put(e.path(), new Result(e, e.action().name(), answerOf(whole),
                                "refused together with the plan's other steps: " + whole.getMessage()));
                    }
                }
            }
        }
        for (PatchManifest.Entry p : probes) {
            if (!results.containsKey(p.path())) {
                tryAlone(p, List.of(p), "PROBE");
            }
        }
        List<Result> ordered = new ArrayList<>();
        for (PatchManifest.Entry e : patch.manifest().changes()) {
            if (results.containsKey(e.path())) {
                ordered.add(results.get(e.path()));
            }
        }
        return ordered;
    }

    private Answer tryAlone(PatchManifest.Entry e, List<PatchManifest.Entry> steps, String step) {
        Result r;
        try {
            ClassPatcher.Outcome o = patcher.apply(plan(steps));
            r = resultOf(e, step, outcomeOf(o, e));
        } catch (ClassPatcher.Failure f) {
            r = new Result(e, step, answerOf(f), f.getMessage());
        }
        results.put(e.path(), r);
        return r.answer();
    }

    private void record(List<PatchManifest.Entry> tried, ClassPatcher.Outcome outcome) {
        for (PatchManifest.Entry e : tried) {
            results.put(e.path(), resultOf(e, e.action().name(), outcomeOf(outcome, e)));
        }
    }

    private static Result resultOf(PatchManifest.Entry e, String step, String outcome) {
        if (outcome != null && (outcome.startsWith("redefined in ") || outcome.startsWith("defined in ")
                && !outcome.startsWith("defined in 0 "))) {
            return new Result(e, step, Answer.ACCEPTED, outcome);
        }
        return new Result(e, step, Answer.NOT_LOADED, outcome == null ? "the agent did not report this step"
                : outcome);
    }

    private static String outcomeOf(ClassPatcher.Outcome outcome, PatchManifest.Entry e) {
        for (Map.Entry<ApplyPlan.Step, String> s : outcome.steps().entrySet()) {
            if (s.getKey().path().equals(e.path())) {
                return s.getValue();
            }
        }
        return null;
    }

    /** A class that cannot be linked in isolation (a missing optional dependency) is no refusal by HotSpot. */
    private static Answer answerOf(ClassPatcher.Failure f) {
        for (Throwable t = f; t != null; t = t.getCause()) {
            if (t instanceof NoClassDefFoundError || t instanceof ClassNotFoundException) {
                return Answer.NOT_LOADED;
            }
        }
        return Answer.REFUSED;
    }

    private static String step(PatchManifest.Entry e, List<PatchManifest.Entry> probes) {
        return probes.contains(e) ? "PROBE" : e.action().name();
    }

    /** A DEFINE step with the new supertypes it names (transitively); a REDEFINE alone. */
    private static List<PatchManifest.Entry> withSupertypes(PatchManifest.Entry e, List<PatchManifest.Entry> all) {
        if (e.action() != Action.DEFINE) {
            return List.of(e);
        }
        Map<String, PatchManifest.Entry> byName = new LinkedHashMap<>();
        all.stream().filter(x -> x.action() == Action.DEFINE && x.container().equals(e.container()))
                .forEach(x -> byName.put(x.className(), x));
        List<PatchManifest.Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(e.className()));
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            PatchManifest.Entry x = byName.get(name);
            if (x != null && seen.add(name)) {
                out.add(x);
                todo.addAll(x.after());
            }
        }
        return out;
    }

    /** The production plan of these steps: the agent's {@link ApplyPlan#of} over a manifest that holds only them. */
    private ApplyPlan plan(List<PatchManifest.Entry> steps) {
        PatchManifest m = patch.manifest();
        return ApplyPlan.of(new PatchContents(new PatchManifest(m.baselineSha256(), m.baselineRoot(), m.targetRoot(),
                PatchManifest.HOT_SWAPPABLE, steps), patch.content()));
    }

    private static PatchManifest.Entry asRedefine(PatchManifest.Entry e) {
        return new PatchManifest.Entry(e.path(), e.kind(), Action.REDEFINE, e.container(), e.className(), e.after(),
                e.oldSha256(), e.newSha256(), e.size(), e.archiveEntries(), PatchManifest.HOT_SWAPPABLE);
    }

    private static List<PatchManifest.Entry> concat(List<PatchManifest.Entry> a, List<PatchManifest.Entry> b) {
        List<PatchManifest.Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
