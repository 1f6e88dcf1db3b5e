package dev.hotpatch.core.classfile;

/**
 * Why a change is or is not hot-swappable. The catalogue with what to do instead is
 * {@code docs/reasons.md}; the rules follow what HotSpot's {@code redefineClasses} accepts.
 */
public enum SwapReason {
    // --- a running JVM refuses these: restart
    METHOD_ADDED(Severity.RESTART),
    METHOD_REMOVED(Severity.RESTART),
    METHOD_MODIFIERS_CHANGED(Severity.RESTART),
    FIELD_ADDED(Severity.RESTART),
    FIELD_REMOVED(Severity.RESTART),
    FIELD_CHANGED(Severity.RESTART),
    CLASS_MODIFIERS_CHANGED(Severity.RESTART),
    SUPERCLASS_CHANGED(Severity.RESTART),
    INTERFACES_CHANGED(Severity.RESTART),
    NEST_HOST_CHANGED(Severity.RESTART),
    NEST_MEMBERS_CHANGED(Severity.RESTART),
    RECORD_COMPONENTS_CHANGED(Severity.RESTART),
    PERMITTED_SUBCLASSES_CHANGED(Severity.RESTART),
    CLASS_UNREADABLE(Severity.RESTART),
    LIBRARY_ADDED(Severity.RESTART),
    LIBRARY_REMOVED(Severity.RESTART),
    LOADER_INDEX_CHANGED(Severity.RESTART),
    MANIFEST_CHANGED(Severity.RESTART),
    MULTI_RELEASE_CLASS_CHANGED(Severity.RESTART),
    RESOURCE_ADDED(Severity.RESTART),
    RESOURCE_CHANGED(Severity.RESTART),
    RESOURCE_REMOVED(Severity.RESTART),
    /** The rules accepted the change but the dry run's JVM refused it: a gap in the rules. */
    DRY_RUN_REFUSED(Severity.RESTART),

    // --- applied, but behaves differently from a restart: read the warning
    STATIC_INITIALIZER_CHANGED(Severity.WARNING),
    CONSTANT_CHANGED(Severity.WARNING),
    CLASS_REMOVED(Severity.WARNING),

    // --- plain hot swap
    METHOD_BODY_CHANGED(Severity.INFO),
    CLASS_ATTRIBUTES_CHANGED(Severity.INFO),
    CLASS_ADDED(Severity.INFO);

    /** How a finding weighs on the verdict. */
    public enum Severity {
        /** The change cannot be applied to a running JVM. */
        RESTART,
        /** The change is applied, but a running JVM will not behave exactly as after a restart. */
        WARNING,
        /** A plain hot swap. */
        INFO
    }

    private final Severity severity;

    SwapReason(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
