package dev.hotpatch.core.report;

import dev.hotpatch.core.archive.EntryPath;
import dev.hotpatch.core.classfile.Assessment;
import dev.hotpatch.core.classfile.ChangeVerdict;
import dev.hotpatch.core.diff.Change;
import dev.hotpatch.core.diff.ChangeSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The changes of one container ({@code BOOT-INF/classes}, a nested jar, ...), as the HTML report
 * shows them: each with its verdict and, for a modified class, what changed inside it.
 */
public record ContainerGroup(String name, List<Item> items) {
    public ContainerGroup {
        items = List.copyOf(items);
    }

    /**
     * One change in its container.
     *
     * @param entry the entry's name inside the container
     * @param diff  for a modified class, its members and method diffs
     */
    public record Item(Change change, String entry, Optional<ChangeVerdict> verdict, Optional<ClassDiff> diff) {
        /** New size minus old size, in bytes (an added entry counts its size, a removed one minus its size). */
        public long sizeDelta() {
            return Math.max(change.newSize(), 0) - Math.max(change.oldSize(), 0);
        }
    }

    /** "(top level)" for the artifact's own entries, else the container's path. */
    public String label() {
        return new Container(name, "").label();
    }

    /** The changes grouped by container; containers in the order their first change comes in. */
    public static List<ContainerGroup> of(ChangeSet changes, Assessment assessment, List<ClassDiff> diffs) {
        Map<EntryPath, ClassDiff> byPath = new LinkedHashMap<>();
        for (ClassDiff d : diffs) {
            byPath.put(d.path(), d);
        }
        Map<String, List<Item>> groups = new LinkedHashMap<>();
        for (Change c : changes.changes()) {
            Optional<ChangeVerdict> verdict = assessment == null ? Optional.empty() : assessment.verdictOf(c.path());
            Container container = Container.of(c, verdict.isPresent() ? verdict.get().location() : null);
            List<Item> items = groups.get(container.name());
            if (items == null) {
                items = new ArrayList<>();
                groups.put(container.name(), items);
            }
            items.add(new Item(c, container.entry(), verdict, Optional.ofNullable(byPath.get(c.path()))));
        }
        List<ContainerGroup> result = new ArrayList<>();
        for (Map.Entry<String, List<Item>> g : groups.entrySet()) {
            result.add(new ContainerGroup(g.getKey(), g.getValue()));
        }
        return List.copyOf(result);
    }
}
