package dev.hotpatch.core.report;

import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.format.ClassLocation;

/**
 * Where a change lives as a running JVM sees it: the class root or library that serves the entry
 * ({@code BOOT-INF/classes}, {@code BOOT-INF/lib/x.jar}, {@code WEB-INF/lib/y.jar}) and the entry's
 * name inside it. For a class this is the container of its step in the apply plan
 * ({@link ClassLocation}); other entries are placed by the same class roots.
 *
 * @param name  the container's path ({@code !/} between nesting levels); "" for the artifact's own
 *              top level
 * @param entry the entry's name inside the container ({@code com/acme/Greeter.class}); "" for an
 *              archive added or removed as a whole, which is its own container
 */
public record Container(String name, String entry) {
    /**
     * The container of a change: for an archive added or removed whole, the archive itself (entry
     * ""); for a class, the container the apply plan names ({@code planned}, null when there is
     * none); otherwise the container of its path.
     */
    public static Container of(Change change, ClassLocation planned) {
        if (change.isWholeArchive()) {
            return new Container(change.path().toString(), "");
        }
        if (planned == null) {
            return of(change.path());
        }
        String rest = change.path().toString().substring(planned.container().length());
        return new Container(planned.container(), rest.startsWith(EntryPath.SEPARATOR)
                ? rest.substring(EntryPath.SEPARATOR.length()) : rest.startsWith("/") ? rest.substring(1) : rest);
    }

    /** The container of an entry: its archive, narrowed to a class root when the entry lies in one. */
    public static Container of(EntryPath path) {
        String archive = path.parent().toString();
        String name = path.name();
        for (String root : ClassLocation.CLASS_ROOTS) {
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
