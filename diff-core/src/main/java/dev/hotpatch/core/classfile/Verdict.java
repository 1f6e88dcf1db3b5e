package dev.hotpatch.core.classfile;

/** Whether a running JVM can take a change in place, for one change or a whole patch. */
public enum Verdict {
    /** Nothing to apply. */
    NO_CHANGES,
    /** Every change can be applied to a running JVM (class redefinition, new classes, resources). */
    HOT_SWAPPABLE,
    /** At least one change needs a restart. */
    RESTART_REQUIRED;

    /** The stronger of two verdicts. */
    public Verdict and(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
