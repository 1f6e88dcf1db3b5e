package dev.hotpatch.core.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * Where an entry lives: one segment per nesting level, written with {@code !/} between them, e.g.
 * {@code BOOT-INF/lib/foo-1.0.jar!/com/acme/A.class}. The empty path is the root archive itself.
 *
 * <p>Paths order segment by segment, which is the order a depth-first walk of sorted archives
 * visits them; patch archives and reports use this order.
 */
public record EntryPath(List<String> segments) implements Comparable<EntryPath> {
    public static final String SEPARATOR = "!/";
    public static final EntryPath ROOT = new EntryPath(List.of());

    public EntryPath {
        segments = List.copyOf(segments);
        for (String s : segments) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty segment in entry path " + segments);
            }
        }
    }

    public static EntryPath of(String... segments) {
        return new EntryPath(List.of(segments));
    }

    /** Parses the {@code !/} form produced by {@link #toString()}. */
    public static EntryPath parse(String text) {
        if (text.isEmpty()) {
            return ROOT;
        }
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = text.indexOf(SEPARATOR, from)) >= 0) {
            parts.add(text.substring(from, at));
            from = at + SEPARATOR.length();
        }
        parts.add(text.substring(from));
        return new EntryPath(parts);
    }

    public EntryPath child(String name) {
        List<String> next = new ArrayList<>(segments.size() + 1);
        next.addAll(segments);
        next.add(name);
        return new EntryPath(next);
    }

    /** The archive this entry lives in ({@link #ROOT} for a top-level entry). */
    public EntryPath parent() {
        if (segments.isEmpty()) {
            throw new IllegalStateException("the root has no parent");
        }
        return new EntryPath(segments.subList(0, segments.size() - 1));
    }

    /** The entry's name inside its own archive. */
    public String name() {
        return segments.get(segments.size() - 1);
    }

    /** Number of segments: 1 for a top-level entry, 2 for an entry of a nested archive, ... */
    public int depth() {
        return segments.size();
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public boolean startsWith(EntryPath prefix) {
        return prefix.segments.size() <= segments.size()
                && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    @Override
    public int compareTo(EntryPath other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int c = segments.get(i).compareTo(other.segments.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    // written out: a record's generated equals and hashCode are linked through invokedynamic on
    // first use, a cost every short run paid for this hot type
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof EntryPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    @Override
    public String toString() {
        return String.join(SEPARATOR, segments);
    }
}
