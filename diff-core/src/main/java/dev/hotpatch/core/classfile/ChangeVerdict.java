package dev.hotpatch.core.classfile;

import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.format.Action;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.format.ClassLocation;
import java.util.List;

/**
 * The verdict on one changed entry, the findings behind it and its step in the apply plan. The
 * verdict follows from the step: HOT_SWAPPABLE exactly when a running JVM carries the step out
 * (REDEFINE, DEFINE, KEEP), RESTART_REQUIRED when the step is RESTART.
 *
 * @param location where a class is served from in the deployed build; null for anything but a class
 * @param after    for a DEFINE: new classes of the same container to define first (its new supertypes)
 */
public record ChangeVerdict(EntryPath path, Verdict verdict, List<Finding> findings, Action action,
        ClassLocation location, List<String> after) {
    public ChangeVerdict {
        findings = List.copyOf(findings);
        after = List.copyOf(after);
        if ((verdict == Verdict.RESTART_REQUIRED) != (action == Action.RESTART)) {
            throw new IllegalArgumentException(path + ": verdict " + verdict + " does not follow from step " + action);
        }
    }

    /** The verdict on a change, given its findings; a change a running JVM cannot take is a RESTART step. */
    static ChangeVerdict of(EntryPath path, ChangeKind kind, List<Finding> findings, List<String> after) {
        boolean restart = false;
        boolean unread = !findings.isEmpty();
        for (Finding f : findings) {
            restart |= f.severity() == SwapReason.Severity.RESTART;
            unread &= SwapReason.NOT_READ_BY_A_RUNNING_JVM.contains(f.code());
        }
        ClassLocation location = ClassLocation.of(path.toString());
        if (!restart && location == null && !unread) {
            throw new IllegalStateException(path + " is not a class, yet nothing requires a restart");
        }
        // an entry a running JVM does not read (a library's new file name in a loader index, its
        // version metadata): it keeps the deployed content (ADR 9)
        Action action = restart ? Action.RESTART : location == null ? Action.KEEP : switch (kind) {
            case MODIFIED -> Action.REDEFINE;
            case ADDED -> Action.DEFINE;
            case REMOVED -> Action.KEEP;
        };
        return new ChangeVerdict(path, restart ? Verdict.RESTART_REQUIRED : Verdict.HOT_SWAPPABLE, findings, action,
                location, action == Action.DEFINE ? after : List.of());
    }

    /** The verdict on a modified class, given the findings of its comparison. */
    static ChangeVerdict of(EntryPath path, List<Finding> findings) {
        return of(path, ChangeKind.MODIFIED, findings, List.of());
    }
}
