package dev.hotpatch.core.classfile;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ChangeKind;
import dev.hotpatch.core.diff.ChangeSet;
import dev.hotpatch.core.diff.ContentStore;
import java.io.IOException;
import java.util.ArrayList;
import dev.hotpatch.format.ClassLocation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Judges every change of a change set and decides its step in the apply plan: can a running JVM take
 * it in place? Classes are compared as HotSpot's {@code redefineClasses} compares them; libraries,
 * loader indexes and manifests are read only at start-up; the agent replaces no resources and picks
 * no multi-release variant, so those need a restart too.
 */
public final class SwapAnalyzer {
    /** Files a class loader reads once, at start-up, to build its class path. */
    static final Set<String> LOADER_INDEXES = Set.of("BOOT-INF/classpath.idx", "BOOT-INF/layers.idx",
            "WEB-INF/classpath.idx", "WEB-INF/layers.idx", "META-INF/INDEX.LIST");

    private final ContentStore store;

    public SwapAnalyzer(ContentStore store) {
        this.store = store;
    }

    public Assessment assess(ChangeSet changes) {
        List<ChangeVerdict> verdicts = new ArrayList<>();
        for (Change c : changes.changes()) {
            verdicts.add(ChangeVerdict.of(c.path(), c.kind(), judge(c, changes), definedFirst(c, changes)));
        }
        return Assessment.of(verdicts);
    }

    private List<Finding> judge(Change change, ChangeSet all) {
        EntryPath path = change.path();
        String name = path.name();
        if (change.isWholeArchive()) {
            return List.of(library(change, all));
        }
        if (LOADER_INDEXES.contains(name)) {
            return List.of(new Finding(SwapReason.LOADER_INDEX_CHANGED, name + " " + verb(change)
                    + "; the class loader reads it only at start-up"));
        }
        if (name.equals("META-INF/MANIFEST.MF")) {
            return List.of(new Finding(SwapReason.MANIFEST_CHANGED, path + " " + verb(change)
                    + " beyond build attributes; Main-Class, Class-Path and the like take effect only at start-up"));
        }
        ClassLocation location = ClassLocation.of(path.toString());
        if (location != null && location.release() > 0) {
            return List.of(new Finding(SwapReason.MULTI_RELEASE_CLASS_CHANGED, "class " + location.binaryName()
                    + " for Java " + location.release() + " (" + path + ") " + verb(change) + "; which variant of a"
                    + " multi-release class a JVM uses is decided when the jar is opened, so the agent does not"
                    + " replace it"));
        }
        if (location != null) {
            return classChange(change);
        }
        SwapReason code = switch (change.kind()) {
            case ADDED -> SwapReason.RESOURCE_ADDED;
            case REMOVED -> SwapReason.RESOURCE_REMOVED;
            case MODIFIED -> SwapReason.RESOURCE_CHANGED;
        };
        return List.of(new Finding(code, "resource " + path + " " + verb(change)
                + "; the agent replaces classes only, and code that already read a resource (caches,"
                + " configuration, ServiceLoader) would keep the old content anyway"));
    }

    /**
     * For an added class: the classes added with it in the same container that are its superclass or
     * interfaces, which the agent must define before it.
     */
    private List<String> definedFirst(Change change, ChangeSet all) {
        ClassLocation location = ClassLocation.of(change.path().toString());
        if (change.kind() != ChangeKind.ADDED || location == null) {
            return List.of();
        }
        Set<String> added = new HashSet<>();
        for (Change c : all.changes()) {
            ClassLocation other = ClassLocation.of(c.path().toString());
            if (c.kind() == ChangeKind.ADDED && other != null && other.container().equals(location.container())) {
                added.add(other.className());
            }
        }
        try {
            ClassShape shape = ClassShape.parse(store.read(change.newSha256()));
            List<String> first = new ArrayList<>();
            if (shape.superName() != null && added.contains(shape.superName())) {
                first.add(shape.superName());
            }
            shape.interfaces().stream().filter(added::contains).forEach(first::add);
            return first;
        } catch (IOException | RuntimeException e) {
            return List.of(); // an unreadable class is judged (and refused) by classChange
        }
    }

    private List<Finding> classChange(Change change) {
        String className = change.path().name().replace('/', '.').replaceAll("\\.class$", "");
        switch (change.kind()) {
            case ADDED:
                return List.of(new Finding(SwapReason.CLASS_ADDED, "class " + className
                        + " is new; it is loaded on first use" + addedClassOrigin(change)));
            case REMOVED:
                return List.of(new Finding(SwapReason.CLASS_REMOVED, "class " + className + " was removed; a running"
                        + " JVM keeps it loaded and code that still refers to it keeps working with the old version"));
            default:
                try {
                    return ClassComparison.compare(ClassShape.parse(store.read(change.oldSha256())),
                            ClassShape.parse(store.read(change.newSha256())));
                } catch (IOException e) {
                    throw new HotpatchException(ReasonCode.IO_ERROR, change.path().toString(),
                            "Cannot read the changed class from the scratch store: " + e.getMessage(), e);
                } catch (RuntimeException e) {
                    return List.of(new Finding(SwapReason.CLASS_UNREADABLE, change.path()
                            + " is not a class file ASM can read (" + e + "); it cannot be judged, so a restart is"
                            + " assumed"));
                }
        }
    }

    private String addedClassOrigin(Change change) {
        try {
            ClassShape shape = ClassShape.parse(store.read(change.newSha256()));
            if (shape.fields().stream().anyMatch(f -> f.name().startsWith("$SwitchMap$"))) {
                return " (synthetic: javac's switch-map class for a switch on an enum)";
            }
            if (shape.nestHost() != null) {
                return " (" + ClassComparison.nestedClassKind(shape.name()) + " of " + shape.nestHost().replace('/', '.')
                        + ")";
            }
            return "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Finding library(Change change, ChangeSet all) {
        String jar = change.path().toString();
        String replacement = all.changes().stream()
                .filter(o -> o != change && o.isWholeArchive() && o.kind() != change.kind()
                        && o.path().parent().equals(change.path().parent())
                        && stem(o.path().name()).equals(stem(change.path().name())))
                .map(o -> o.path().toString()).findFirst().orElse(null);
        String renamed = replacement == null ? "" : change.kind() == ChangeKind.ADDED
                ? " (it replaces " + replacement + ")" : " (replaced by " + replacement + ")";
        return change.kind() == ChangeKind.ADDED
                ? new Finding(SwapReason.LIBRARY_ADDED, "archive " + jar + " (" + change.nestedEntries()
                        + " entries) was added" + renamed + "; class paths are fixed at start-up")
                : new Finding(SwapReason.LIBRARY_REMOVED, "archive " + jar + " (" + change.nestedEntries()
                        + " entries) was removed" + renamed + "; class paths are fixed at start-up");
    }

    /** {@code foo-1.2.3.jar} → {@code foo}: the name without version and extension. */
    static String stem(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        return base.replaceFirst("(-\\d.*)?\\.[a-z]+$", "");
    }

    private static String verb(Change change) {
        return switch (change.kind()) {
            case ADDED -> "was added";
            case REMOVED -> "was removed";
            case MODIFIED -> "changed";
        };
    }
}
