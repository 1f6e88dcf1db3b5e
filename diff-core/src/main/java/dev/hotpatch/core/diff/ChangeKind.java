package dev.hotpatch.core.diff;

/** What happened to an entry between the baseline and the target. */
public enum ChangeKind {
    ADDED, MODIFIED, REMOVED
}
