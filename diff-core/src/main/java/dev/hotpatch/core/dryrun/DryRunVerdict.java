package dev.hotpatch.core.dryrun;

import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.classfile.Assessment;
import dev.hotpatch.core.classfile.ChangeVerdict;
import dev.hotpatch.core.classfile.Finding;
import dev.hotpatch.core.classfile.SwapReason;
import dev.hotpatch.core.classfile.Verdict;
import dev.hotpatch.format.Action;
import dev.hotpatch.format.ChangeKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the rules and the dry run's JVM meet: which classes to try, and what a refusal does to the
 * verdict. A refusal of a step the rules accepted makes that change RESTART_REQUIRED with
 * {@link SwapReason#DRY_RUN_REFUSED} (a gap in the rules). A class the rules refused is tried too
 * (a probe) when its only reasons are about the class's shape; if HotSpot takes it, the verdict stays
 * RESTART_REQUIRED and the report notes the disagreement.
 */
public final class DryRunVerdict {
    /** Reasons that are about a class's shape, which HotSpot itself can be asked about. */
    static final Set<SwapReason> CLASS_SHAPE = EnumSet.of(SwapReason.METHOD_ADDED, SwapReason.METHOD_REMOVED,
            SwapReason.METHOD_MODIFIERS_CHANGED, SwapReason.FIELD_ADDED, SwapReason.FIELD_REMOVED,
            SwapReason.FIELD_CHANGED, SwapReason.CLASS_MODIFIERS_CHANGED, SwapReason.SUPERCLASS_CHANGED,
            SwapReason.INTERFACES_CHANGED, SwapReason.NEST_HOST_CHANGED, SwapReason.NEST_MEMBERS_CHANGED,
            SwapReason.RECORD_COMPONENTS_CHANGED, SwapReason.PERMITTED_SUBCLASSES_CHANGED);

    private DryRunVerdict() {
    }

    /** Modified classes the rules refused only for their shape: what a probe may try. */
    public static List<String> probes(Assessment assessment, Map<EntryPath, ChangeKind> kinds) {
        List<String> probes = new ArrayList<>();
        for (ChangeVerdict c : assessment.changes()) {
            if (c.action() == Action.RESTART && c.location() != null && kinds.get(c.path()) == ChangeKind.MODIFIED
                    && c.findings().stream().filter(f -> f.severity() == SwapReason.Severity.RESTART)
                            .allMatch(f -> CLASS_SHAPE.contains(f.code()))) {
                probes.add(c.path().toString());
            }
        }
        return probes;
    }

    /** Whether there is anything to ask: a hot-swappable plan that redefines or defines, or a probe. */
    public static boolean worthRunning(Assessment assessment, List<String> probes) {
        boolean steps = assessment.changes().stream()
                .anyMatch(c -> c.action() == Action.REDEFINE || c.action() == Action.DEFINE);
        return assessment.verdict() == Verdict.HOT_SWAPPABLE ? steps : !probes.isEmpty();
    }

    /**
     * Why the dry run cannot hold this deployed build's classes, or null when it can: it reads a jar,
     * war, ear or zip (nested archives inside it too) or a directory, with no paired top folder.
     */
    public static String unsupported(java.nio.file.Path deployed, String root) {
        if (root != null && !root.isEmpty()) {
            return "the deployed build's classes sit under the top folder " + root
                    + ", which the dry run does not read yet";
        }
        if (java.nio.file.Files.isDirectory(deployed)) {
            return null;
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(deployed)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                return null;
            }
        } catch (java.io.IOException e) {
            return "the deployed build cannot be read: " + e.getMessage();
        }
        return deployed.getFileName() + " is not a zip-format archive (a tar distribution?); the dry run reads"
                + " jar, war, ear and zip builds and directories";
    }

    /** The assessment with every step the JVM refused turned into a restart with the JVM's own message. */
    public static Assessment apply(Assessment assessment, DryRunResult result) {
        Map<String, DryRunResult.ClassAnswer> refused = result.classes().stream()
                .filter(a -> a.answer() == DryRunResult.Answer.REFUSED && !a.step().equals("PROBE"))
                .collect(Collectors.toMap(DryRunResult.ClassAnswer::path, Function.identity(), (a, b) -> a));
        if (refused.isEmpty()) {
            return assessment;
        }
        List<ChangeVerdict> changes = new ArrayList<>();
        Verdict overall = Verdict.HOT_SWAPPABLE;
        for (ChangeVerdict c : assessment.changes()) {
            DryRunResult.ClassAnswer a = refused.get(c.path().toString());
            if (a != null) {
                List<Finding> findings = new ArrayList<>(c.findings());
                findings.add(new Finding(SwapReason.DRY_RUN_REFUSED, result.jvm().describe() + " refused to "
                        + (a.step().equals("DEFINE") ? "define " : "redefine ") + a.className().replace('/', '.')
                        + " although the rules accept it: " + a.message()));
                c = new ChangeVerdict(c.path(), Verdict.RESTART_REQUIRED, findings, Action.RESTART, c.location(),
                        List.of());
            }
            overall = overall.and(c.verdict());
            changes.add(c);
        }
        return new Assessment(overall, changes);
    }

    /** Sentences for each class the JVM took although the rules refused it. */
    public static List<String> disagreements(DryRunResult result) {
        List<String> notes = new ArrayList<>();
        for (DryRunResult.ClassAnswer a : result.classes()) {
            if (a.step().equals("PROBE") && a.answer() == DryRunResult.Answer.ACCEPTED) {
                notes.add(result.jvm().describe() + " redefined " + a.className().replace('/', '.') + " ("
                        + a.path() + ") although the rules say it needs a restart; the verdict stays"
                        + " RESTART_REQUIRED. Please report this rule gap.");
            }
        }
        return notes;
    }
}
