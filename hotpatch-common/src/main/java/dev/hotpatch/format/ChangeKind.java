package dev.hotpatch.format;

/** What happened to an entry between the baseline and the target. */
public enum ChangeKind {
    ADDED, MODIFIED, REMOVED
}
