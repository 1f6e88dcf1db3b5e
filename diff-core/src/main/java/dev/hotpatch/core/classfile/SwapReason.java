package dev.hotpatch.core.classfile;

/**
 * Why a change is or is not hot-swappable, with the catalogue's explanation and what to do instead.
 * This enum is the catalogue's source; {@code docs/reasons.md} shows the same text (a test keeps the
 * two equal). The rules follow what HotSpot's {@code redefineClasses} accepts.
 */
public enum SwapReason {
    // --- a running JVM refuses these: restart
    METHOD_ADDED(Severity.RESTART,
            "A method was added — including the synthetic methods javac writes for a **lambda** "
                    + "(`lambda$price$0`, named in the message), `access$NNN` accessors and a new static initializer. "
                    + "HotSpot refuses every added method, private static ones too.",
            "Move the new logic into an existing method's body; replace a lambda by an existing functional "
                    + "object or a plain loop; or restart."),
    METHOD_REMOVED(Severity.RESTART,
            "A method was removed (also when a lambda disappeared).",
            "Keep the method, unused; or restart."),
    METHOD_MODIFIERS_CHANGED(Severity.RESTART,
            "A method's modifiers changed (`synchronized`, visibility, `static`, `final`).",
            "Keep the modifiers; synchronize inside the body."),
    FIELD_ADDED(Severity.RESTART,
            "A field was added — including `$assertionsDisabled` from a new **assert** and `this$0`/`val$x` of "
                    + "inner classes.",
            "Keep state elsewhere (an existing field, a holder class added as a new class); or restart."),
    FIELD_REMOVED(Severity.RESTART,
            "A field was removed.",
            "Leave it in place, unused."),
    FIELD_CHANGED(Severity.RESTART,
            "A field's type or modifiers changed, or fields were reordered.",
            "Keep the declaration as it was."),
    CLASS_MODIFIERS_CHANGED(Severity.RESTART,
            "The class's modifiers changed (`final`, `abstract`, visibility).",
            "Keep them."),
    SUPERCLASS_CHANGED(Severity.RESTART,
            "The superclass changed.",
            "Restart."),
    INTERFACES_CHANGED(Severity.RESTART,
            "Implemented interfaces were added, removed or reordered.",
            "Restart."),
    NEST_HOST_CHANGED(Severity.RESTART,
            "The class became, or stopped being, a nested class.",
            "Restart."),
    NEST_MEMBERS_CHANGED(Severity.RESTART,
            "Nested classes were added or removed: a new **anonymous class**, inner class, local class, or"
                    + " javac's synthetic class for a new **switch on an enum** (`$SwitchMap$`). Reordered nested"
                    + " classes are no change: HotSpot compares `NestMembers` as a set.",
            "Use an existing class; or restart."),
    RECORD_COMPONENTS_CHANGED(Severity.RESTART,
            "A **record component** was added, removed or changed.",
            "Restart."),
    PERMITTED_SUBCLASSES_CHANGED(Severity.RESTART,
            "A sealed class's `permits` list changed (or the class became sealed). Reordering the list is"
                    + " no change: HotSpot compares it as a set.",
            "Restart."),
    MODULE_DESCRIPTOR_CHANGED(Severity.RESTART,
            "A `module-info.class` was added, removed or changed. The module graph (`requires`, `exports`,"
                    + " `opens`, `uses`, `provides`) is resolved once, at start-up; `redefineClasses` cannot change"
                    + " it.",
            "Restart."),
    CLASS_UNREADABLE(Severity.RESTART,
            "A changed `.class` entry is not a class file ASM can read, so it cannot be judged.",
            "Check the build that produced it."),
    LIBRARY_ADDED(Severity.RESTART, Texts.LIBRARY_ADDED_OR_REMOVED, "Restart."),
    LIBRARY_REMOVED(Severity.RESTART, Texts.LIBRARY_ADDED_OR_REMOVED, "Restart."),
    LOADER_INDEX_CHANGED(Severity.RESTART,
            "A class loader index changed (beyond the renames of paired libraries):"
                    + " `BOOT-INF/classpath.idx`, `BOOT-INF/layers.idx`, `WEB-INF/…idx`, `META-INF/INDEX.LIST`. They"
                    + " are read at start-up only.",
            "Restart."),
    MANIFEST_CHANGED(Severity.RESTART,
            "`META-INF/MANIFEST.MF` changed beyond the build attributes the default rules ignore "
                    + "(`Main-Class`, `Class-Path`, …).",
            "Restart."),
    MULTI_RELEASE_CLASS_CHANGED(Severity.RESTART,
            "A class under `META-INF/versions/N/` of a multi-release jar changed. Which variant of the class a "
                    + "JVM uses is decided when the jar is opened, so the agent does not replace it.",
            "Restart."),
    RESOURCE_ADDED(Severity.RESTART,
            "A non-class file changed. The agent replaces classes only, and code that already read the "
                    + "resource (caches, Spring configuration, `ServiceLoader`) would keep the old content anyway.",
            "Restart."),
    RESOURCE_CHANGED(Severity.RESTART,
            "A non-class file changed. The agent replaces classes only, and code that already read the "
                    + "resource (caches, Spring configuration, `ServiceLoader`) would keep the old content anyway.",
            "Restart."),
    RESOURCE_REMOVED(Severity.RESTART,
            "A non-class file changed. The agent replaces classes only, and code that already read the "
                    + "resource (caches, Spring configuration, `ServiceLoader`) would keep the old content anyway.",
            "Restart."),
    /** The rules accepted the change but the dry run's JVM refused it: a gap in the rules. */
    DRY_RUN_REFUSED(Severity.RESTART,
            "The rules accepted the change, but the [dry run](#the-dry-run)'s JVM refused it; the message is the "
                    + "JVM's own (e.g. `VerifyError`, `UnsupportedOperationException: class redefinition failed: …`) "
                    + "and names the JVM (vendor, version). A gap in the rules: a construct nobody catalogued, "
                    + "bytecode a tool generated, or a JVM version with other rules.",
            "Restart; please report the case so the rules learn it."),

    // --- applied, but behaves differently from a restart: read the warning
    STATIC_INITIALIZER_CHANGED(Severity.WARNING,
            "The static initializer changed. A running JVM never runs it again.",
            "Restart if the new initial values matter."),
    CONSTANT_CHANGED(Severity.WARNING,
            "A `static final` compile-time constant changed. Classes compiled against it have the old value "
                    + "inlined, and the running field keeps the old value.",
            "Recompile and patch the users too, or restart."),
    CLASS_VERSION_CHANGED(Severity.WARNING,
            "The class file version changed (`--release 11` on one side, 17 on the other; a multi-release"
                    + " jar's versions). HotSpot redefines such a class (checked on JDK 17 and 25), but a JVM older"
                    + " than the new version refuses it, and the compiler check has already failed the run unless it"
                    + " was skipped.",
            "Build the branch for the deployed build's release."),
    LOADER_INDEX_LIBRARY_RENAMED(Severity.WARNING,
            "A loader index (`BOOT-INF/classpath.idx`, …) changed only by the new file names of paired"
                    + " libraries. The running JVM read it at start-up and keeps loading the deployed jar, whose"
                    + " classes the patch changes; a restart with the branch build loads the new file.",
            "—"),
    LIBRARY_METADATA_CHANGED(Severity.WARNING,
            "Inside a paired library, its Maven metadata (`META-INF/maven/**`) or a manifest that differs"
                    + " only by the version and build attributes. A running JVM keeps reporting the deployed version"
                    + " (`Package.getImplementationVersion`).",
            "—"),
    CLASS_REMOVED(Severity.WARNING,
            "A class was removed. A running JVM keeps it loaded; code that still uses it keeps working.",
            "—"),

    // --- plain hot swap
    METHOD_BODY_CHANGED(Severity.INFO,
            "Only the code of existing methods changed. The plain hot swap.",
            "—"),
    CLASS_ATTRIBUTES_CHANGED(Severity.INFO,
            "Annotations, generic signatures, `throws` clauses or the constant pool changed; no code or member did.",
            "—"),
    CLASS_ADDED(Severity.INFO,
            "A new class; the agent defines it in the class loader of its container (plan step `DEFINE`), at"
                    + " start-up before the container's first class is loaded.",
            "—");

    /**
     * Changes of entries that are not classes and that a running JVM never reads again, nor does
     * the new code need them: their plan step is KEEP (see {@code docs/adr/0009-pair-renamed-libraries.md}).
     */
    /** Texts two codes share (one row in docs/reasons.md); enum constants cannot read the enum's own fields. */
    private static final class Texts {
        static final String LIBRARY_ADDED_OR_REMOVED = "A nested archive (a library jar) was added or removed."
                + " Class paths are fixed at start-up. A"
                + " jar in another version (`h2-2.4.240.jar` → `h2-2.3.232.jar`, same `groupId:artifactId` or,"
                + " without Maven metadata, the same name before the version, same folder) is not this: it is"
                + " paired and compared class by class (see `libraries` in `report.json` and [ADR"
                + " 9](adr/0009-pair-renamed-libraries.md)); only jars that cannot be paired show as both, and"
                + " the message says which replaces which.";
    }

    public static final java.util.Set<SwapReason> NOT_READ_BY_A_RUNNING_JVM = java.util.EnumSet.of(
            LOADER_INDEX_LIBRARY_RENAMED, LIBRARY_METADATA_CHANGED);

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
    private final String meaning;
    private final String whatToDo;

    SwapReason(Severity severity, String meaning, String whatToDo) {
        this.severity = severity;
        this.meaning = meaning;
        this.whatToDo = whatToDo;
    }

    public Severity severity() {
        return severity;
    }

    /** The catalogue's explanation (Markdown: {@code `code`} and {@code **bold**}), as in {@code docs/reasons.md}. */
    public String meaning() {
        return meaning;
    }

    /** What to do instead, or "—" when nothing needs doing; as in {@code docs/reasons.md}. */
    public String whatToDo() {
        return whatToDo;
    }
}
