package dev.hotpatch.core.classfile;

import dev.hotpatch.core.archive.EntryPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The verdict on a whole change set: the strongest of the per-change verdicts. Immutable. */
public final class Assessment {
    public static final Assessment NONE = new Assessment(Verdict.NO_CHANGES, List.of());

    private final Verdict verdict;
    private final List<ChangeVerdict> changes;
    private final Map<EntryPath, ChangeVerdict> byPath = new LinkedHashMap<>();

    public Assessment(Verdict verdict, List<ChangeVerdict> changes) {
        this.verdict = verdict;
        this.changes = List.copyOf(changes);
        for (ChangeVerdict c : this.changes) {
            byPath.put(c.path(), c);
        }
    }

    public Verdict verdict() {
        return verdict;
    }

    public List<ChangeVerdict> changes() {
        return changes;
    }

    static Assessment of(List<ChangeVerdict> changes) {
        Verdict overall = changes.isEmpty() ? Verdict.NO_CHANGES : Verdict.HOT_SWAPPABLE;
        for (ChangeVerdict c : changes) {
            overall = overall.and(c.verdict());
        }
        return new Assessment(overall, changes);
    }

    public Optional<ChangeVerdict> verdictOf(EntryPath path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Per path, the findings that force a restart; empty when the patch is hot-swappable. */
    public Map<EntryPath, List<Finding>> restartReasons() {
        Map<EntryPath, List<Finding>> reasons = new LinkedHashMap<>();
        for (ChangeVerdict c : changes) {
            List<Finding> restart = new ArrayList<>();
            for (Finding f : c.findings()) {
                if (f.severity() == SwapReason.Severity.RESTART) {
                    restart.add(f);
                }
            }
            if (!restart.isEmpty()) {
                reasons.put(c.path(), List.copyOf(restart));
            }
        }
        return reasons;
    }

    /** Every finding of every change, in path order. */
    public Stream<Finding> findings() {
        return changes.stream().flatMap(c -> c.findings().stream());
    }
}
