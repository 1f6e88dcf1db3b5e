package dev.hotpatch.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code hotpatch.json}, the first entry of every patch archive: which build the patch applies to,
 * every change it makes, and the apply plan (what a running JVM does with each change and in which
 * container). The engine writes it, the engine's self-check and the agent read it; this class is the
 * only definition of the format. See {@code docs/patch-format.md}.
 *
 * @param baselineSha256 SHA-256 of the deployed artifact the patch applies to
 * @param baselineRoot   top folder of the baseline that paths are relative to ("" for none)
 * @param targetRoot     top folder of the target the paths were compared with ("" for none)
 * @param verdict        the overall verdict ({@code HOT_SWAPPABLE}, {@code RESTART_REQUIRED}), or null when not assessed
 * @param changes        the changes in path order
 */
public record PatchManifest(String baselineSha256, String baselineRoot, String targetRoot, String verdict,
        List<Entry> changes) {
    public static final String FORMAT = "hotpatch-patch/2";
    public static final String NAME = "hotpatch.json";
    public static final String CONTENT_PREFIX = "entries/";
    public static final String SEPARATOR = "!/";
    public static final String HOT_SWAPPABLE = "HOT_SWAPPABLE";
    public static final String RESTART_REQUIRED = "RESTART_REQUIRED";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public PatchManifest {
        changes = List.copyOf(changes);
    }

    /**
     * One change and what a running JVM does with it.
     *
     * @param path           the changed path, {@code !/} between archive levels
     * @param kind           added, modified or removed
     * @param action         the apply plan's step for this path, or null when not assessed
     * @param container      for a class: the container that serves it in the deployed build; else null
     * @param className      for a class: its internal name ({@code com/acme/A}); else null
     * @param after          for a DEFINE: the classes of this patch (same container) to define first, its
     *                       new supertypes; else empty
     * @param oldSha256      SHA-256 of the deployed content (MODIFIED, REMOVED)
     * @param newSha256      SHA-256 of the new content (ADDED, MODIFIED)
     * @param size           the new content's size (the old one's for a removal)
     * @param archiveEntries the entry count of an archive added or removed whole, else -1
     * @param verdict        this change's verdict, or null when not assessed
     */
    public record Entry(String path, ChangeKind kind, Action action, String container, String className,
            List<String> after, String oldSha256, String newSha256, long size, int archiveEntries, String verdict) {
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(kind, "kind");
            after = after == null ? List.of() : List.copyOf(after);
        }

        /** The name of the patch entry that holds the new content, or {@code null} for a removal. */
        public String contentName() {
            return kind == ChangeKind.REMOVED ? null : CONTENT_PREFIX + path;
        }
    }

    /** Whether the plan can be carried out in a running JVM: assessed, and no step needs a restart. */
    public boolean hotSwappable() {
        if (!HOT_SWAPPABLE.equals(verdict)) {
            return false;
        }
        for (Entry e : changes) {
            if (e.action() != Action.REDEFINE && e.action() != Action.DEFINE && e.action() != Action.KEEP) {
                return false;
            }
        }
        return true;
    }

    public byte[] toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        Map<String, Object> baseline = new LinkedHashMap<>();
        if (baselineSha256 != null) {
            baseline.put("sha256", baselineSha256);
        }
        baseline.put("root", baselineRoot);
        root.put("baseline", baseline);
        root.put("target", Map.of("root", targetRoot));
        if (verdict != null) {
            root.put("verdict", verdict);
        }
        List<Object> list = new ArrayList<>();
        for (Entry e : changes) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("path", e.path());
            node.put("kind", e.kind().name());
            if (e.action() != null) {
                node.put("action", e.action().name());
            }
            if (e.container() != null) {
                node.put("container", e.container());
            }
            if (e.className() != null) {
                node.put("class", e.className());
            }
            if (!e.after().isEmpty()) {
                node.put("after", e.after());
            }
            if (e.oldSha256() != null) {
                node.put("oldSha256", e.oldSha256());
            }
            if (e.newSha256() != null) {
                node.put("newSha256", e.newSha256());
            }
            node.put("size", e.size());
            if (e.archiveEntries() >= 0) {
                node.put("archiveEntries", e.archiveEntries());
            }
            if (e.verdict() != null) {
                node.put("verdict", e.verdict());
            }
            if (e.contentName() != null) {
                node.put("entry", e.contentName());
            }
            list.add(node);
        }
        root.put("changes", list);
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads and validates a manifest: the format, every field's type, hashes, kinds, a plan that fits
     * its change (REDEFINE a modified class, DEFINE an added class, KEEP a removed one) and a verdict
     * that fits the plan.
     *
     * @throws IllegalArgumentException with one sentence on what is wrong
     */
    public static PatchManifest parse(byte[] json) {
        Map<String, Object> root = object(Json.parse(new String(json, StandardCharsets.UTF_8)), "the manifest");
        Object format = root.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("its format is '" + format + "', expected " + FORMAT);
        }
        Map<String, Object> baseline = object(root.getOrDefault("baseline", Map.of()), "baseline");
        Map<String, Object> target = object(root.getOrDefault("target", Map.of()), "target");
        String baselineSha = sha(baseline, "sha256", "baseline");
        List<Entry> entries = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        Object list = root.get("changes");
        if (!(list instanceof List<?> items)) {
            throw new IllegalArgumentException("it has no list of changes");
        }
        for (Object item : items) {
            Entry e = entry(object(item, "a change"));
            if (!paths.add(e.path())) {
                throw new IllegalArgumentException("it lists " + e.path() + " twice");
            }
            entries.add(e);
        }
        String verdict = string(root, "verdict", "the manifest");
        PatchManifest manifest = new PatchManifest(baselineSha, stringOr(baseline, "root", ""),
                stringOr(target, "root", ""), verdict, entries);
        if (HOT_SWAPPABLE.equals(verdict) && !manifest.hotSwappable()) {
            Entry odd = null;
            for (Entry e : entries) {
                if (e.action() == null || e.action() == Action.RESTART) {
                    odd = e;
                    break;
                }
            }
            throw new IllegalArgumentException("its verdict is HOT_SWAPPABLE but its plan says " + odd.action()
                    + " for " + odd.path());
        }
        return manifest;
    }

    /**
     * A relative path that stays inside the patch and the deployed build: not empty, no leading
     * {@code /}, no backslash, no {@code ..} segment (at any archive level: {@code !/} ends a segment
     * too). A segment that merely ends in dots ({@code lib..}) is an ordinary name, as the engine's
     * archive reader takes it.
     */
    static boolean usablePath(String path) {
        return path != null && !path.isEmpty() && !path.startsWith("/") && path.indexOf('\\') < 0
                && !hasParentSegment(path);
    }

    /**
     * Whether a path has a {@code ..} segment, at any archive level: segments end at {@code /}, and
     * {@code ..!} before a nested archive's {@code !/} counts too. The manifest refuses such a path;
     * the engine refuses an entry name that has one, so that every name it reads can be written into
     * a manifest. A plain scan rather than {@code split}: the engine asks this of every entry name.
     */
    public static boolean hasParentSegment(String path) {
        int start = 0;
        while (true) {
            int end = path.indexOf('/', start);
            int length = (end < 0 ? path.length() : end) - start;
            if ((length == 2 || length == 3 && path.charAt(start + 2) == '!')
                    && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                return true;
            }
            if (end < 0) {
                return false;
            }
            start = end + 1;
        }
    }

    private static Entry entry(Map<String, Object> n) {
        String path = string(n, "path", "a change");
        if (!usablePath(path)) {
            throw new IllegalArgumentException("a change has no usable path: '" + path + "'");
        }
        ChangeKind kind = enumValue(ChangeKind.class, string(n, "kind", path), path, "kind");
        Action action = n.containsKey("action") ? enumValue(Action.class, string(n, "action", path), path, "action")
                : null;
        String className = string(n, "class", path);
        String container = string(n, "container", path);
        List<String> after = new ArrayList<>();
        if (n.get("after") instanceof List<?> names) {
            for (Object name : names) {
                if (!(name instanceof String s)) {
                    throw new IllegalArgumentException(path + ": 'after' must list class names");
                }
                after.add(s);
            }
        }
        Entry e = new Entry(path, kind, action, container, className, after, sha(n, "oldSha256", path),
                sha(n, "newSha256", path), number(n, "size", path), (int) (n.containsKey("archiveEntries")
                        ? number(n, "archiveEntries", path) : -1), string(n, "verdict", path));
        if (kind != ChangeKind.REMOVED && e.newSha256() == null) {
            throw new IllegalArgumentException(path + " is " + kind + " but has no newSha256");
        }
        if (action == Action.REDEFINE || action == Action.DEFINE) {
            ChangeKind expected = action == Action.REDEFINE ? ChangeKind.MODIFIED : ChangeKind.ADDED;
            if (kind != expected || className == null || container == null) {
                throw new IllegalArgumentException(path + ": a " + action + " step needs a " + expected
                        + " class with its container and class name");
            }
        }
        if (action == Action.KEEP && kind != ChangeKind.REMOVED && className != null) {
            throw new IllegalArgumentException(path + ": only a removed class may be kept as it is");
        }
        return e;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> n, String field, String where) {
        Object v = n.get(field);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(where + ": '" + field + "' is not a string");
        }
        return (String) v;
    }

    private static String stringOr(Map<String, Object> n, String field, String otherwise) {
        String v = string(n, field, field);
        return v == null ? otherwise : v;
    }

    private static String sha(Map<String, Object> n, String field, String where) {
        String v = string(n, field, where);
        if (v != null && !SHA256.matcher(v).matches()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is not a SHA-256 in lower-case hex");
        }
        return v;
    }

    private static long number(Map<String, Object> n, String field, String where) {
        Object v = n.get(field);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException(where + ": '" + field + "' is not a whole number");
        }
        return l;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where, String field) {
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": '" + field + "' is '" + value + "'");
        }
    }
}
