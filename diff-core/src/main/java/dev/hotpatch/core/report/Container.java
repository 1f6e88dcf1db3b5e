package dev.hotpatch.core.report;

import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.diff.Change;
import java.util.List;

/**
 * Where a change lives as a running JVM sees it: the class root or library that serves the entry
 * ({@code BOOT-INF/classes}, {@code BOOT-INF/lib/x.jar}, {@code WEB-INF/lib/y.jar}) and the entry's
 * name inside it. Derived from the path alone; once the patch manifest carries an apply plan with
 * a container per entry, this is the one place to read it from instead.
 *
 * @param name  the container's path ({@code !/} between nesting levels); "" for the artifact's own
 *              top level
 * @param entry the entry's name inside the container ({@code com/acme/Greeter.class}); "" for an
 *              archive added or removed as a whole, which is its own container
 */
public record Container(String name, String entry) {
    /** Folders that hold an application's classes inside a fat jar or war. */
    static final List<String> CLASS_ROOTS = List.of("BOOT-INF/classes/", "WEB-INF/classes/");

    /**
     * The container of a change: for an archive added or removed whole, the archive itself (entry
     * ""); otherwise the container of its path.
     */
    public static Container of(Change change) {
        return change.isWholeArchive() ? new Container(change.path().toString(), "") : of(change.path());
    }

    /** The container of an entry: its archive, narrowed to a class root when the entry lies in one. */
    public static Container of(EntryPath path) {
        String archive = path.parent().toString();
        String name = path.name();
        for (String root : CLASS_ROOTS) {
            if (name.startsWith(root) && name.length() > root.length()) {
                String folder = root.substring(0, root.length() - 1);
                return new Container(archive.isEmpty() ? folder : archive + EntryPath.SEPARATOR + folder,
                        name.substring(root.length()));
            }
        }
        return new Container(archive, name);
    }

    /** The name to show: the container's path, or "(top level)" for the artifact itself. */
    public String label() {
        return name.isEmpty() ? "(top level)" : name;
    }
}
