package dev.hotpatch.core.dryrun;

import java.util.List;

/**
 * What the throwaway JVM answered.
 *
 * @param status   COMPLETED, or SKIPPED with {@code note} saying why
 * @param jvm      the JVM that answered (vendor, version, name); null when skipped
 * @param classes  HotSpot's answer per class, in the patch's path order
 * @param note     why it was skipped, else null
 */
public record DryRunResult(Status status, Jvm jvm, List<ClassAnswer> classes, String note) {
    public enum Status { COMPLETED, SKIPPED }

    /** The answer for one class: {@code step} is REDEFINE, DEFINE or PROBE (a class the rules refused, tried anyway). */
    public record ClassAnswer(String path, String container, String className, String step, Answer answer,
            String message) { }

    public enum Answer {
        /** HotSpot redefined (or defined) the class. */
        ACCEPTED,
        /** HotSpot refused; {@code message} is its own. */
        REFUSED,
        /** The class could not be loaded in isolation (e.g. a missing optional dependency); not tried. */
        NOT_LOADED
    }

    public record Jvm(String vendor, String version, String name) {
        public String describe() {
            return vendor + " " + name + " " + version;
        }
    }

    public DryRunResult {
        classes = List.copyOf(classes);
    }

    public static DryRunResult skipped(String note) {
        return new DryRunResult(Status.SKIPPED, null, List.of(), note);
    }
}
