package dev.hotpatch.core.report;

import dev.hotpatch.core.report.BytecodeListing.Line;
import dev.hotpatch.core.report.LineDiff.Edit;
import dev.hotpatch.core.report.LineDiff.Hunk;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How the code of one method changed: both listings and the hunks of their line diff.
 *
 * @param name       the method's name ({@code greet}, {@code <init>}, {@code <clinit>})
 * @param descriptor its JVM descriptor
 * @param before     the deployed build's listing (empty for a method without code)
 * @param after      the branch build's listing
 */
public record MethodDiff(String name, String descriptor, List<Line> before, List<Line> after, List<Hunk> hunks) {
    public MethodDiff {
        before = List.copyOf(before);
        after = List.copyOf(after);
        hunks = List.copyOf(hunks);
    }

    public static MethodDiff of(String name, String descriptor, List<Line> before, List<Line> after) {
        List<Edit> edits = LineDiff.edits(texts(before), texts(after));
        return new MethodDiff(name, descriptor, before, after, LineDiff.hunks(edits));
    }

    private static List<String> texts(List<Line> lines) {
        List<String> texts = new ArrayList<>(lines.size());
        for (Line l : lines) {
            texts.add(l.text());
        }
        return texts;
    }

    /** {@code greet(Ljava/lang/String;)Ljava/lang/String;} */
    public String key() {
        return name + descriptor;
    }

    public long removedLines() {
        return count(LineDiff.Op.REMOVED);
    }

    public long addedLines() {
        return count(LineDiff.Op.ADDED);
    }

    private long count(LineDiff.Op op) {
        long n = 0;
        for (LineDiff.Hunk h : hunks) {
            for (Edit e : h.edits()) {
                if (e.op() == op) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The source lines (of the branch build, else the deployed one) that the changed instructions come from. */
    public List<Integer> changedSourceLines() {
        TreeSet<Integer> lines = new TreeSet<>();
        for (Hunk h : hunks) {
            for (Edit e : h.edits()) {
                if (e.op() == LineDiff.Op.ADDED) {
                    lines.add(after.get(e.newIndex()).sourceLine());
                } else if (e.op() == LineDiff.Op.REMOVED) {
                    lines.add(before.get(e.oldIndex()).sourceLine());
                }
            }
        }
        lines.remove(-1);
        return new ArrayList<>(lines);
    }

    /** One line of a side-by-side view: the old line, the new line, or both; null where a side has none. */
    public record Row(LineDiff.Op op, Line left, Line right) {
        /** True for a changed line shown next to its replacement. */
        public boolean paired() {
            return left != null && right != null && op != LineDiff.Op.SAME;
        }
    }

    /**
     * A hunk as side-by-side rows: unchanged lines on both sides, and each run of removed lines
     * next to the run of added lines that replaces it.
     */
    public List<Row> rows(Hunk hunk) {
        List<Row> rows = new ArrayList<>();
        List<Edit> removed = new ArrayList<>();
        List<Edit> added = new ArrayList<>();
        for (Edit e : hunk.edits()) {
            switch (e.op()) {
                case REMOVED -> removed.add(e);
                case ADDED -> added.add(e);
                case SAME -> {
                    flush(rows, removed, added);
                    rows.add(new Row(LineDiff.Op.SAME, before.get(e.oldIndex()), after.get(e.newIndex())));
                }
            }
        }
        flush(rows, removed, added);
        return rows;
    }

    private void flush(List<Row> rows, List<Edit> removed, List<Edit> added) {
        for (int i = 0; i < Math.max(removed.size(), added.size()); i++) {
            Line left = i < removed.size() ? before.get(removed.get(i).oldIndex()) : null;
            Line right = i < added.size() ? after.get(added.get(i).newIndex()) : null;
            rows.add(new Row(left == null ? LineDiff.Op.ADDED : LineDiff.Op.REMOVED, left, right));
        }
        removed.clear();
        added.clear();
    }

    /** The structured form in report.json: each hunk's lines with their op, text and source lines. */
    void toJson(JsonObject node) {
        node.put("name", name).put("descriptor", descriptor).put("removedLines", removedLines())
                .put("addedLines", addedLines());
        JsonObject.Array hunkList = node.putArray("hunks");
        for (Hunk h : hunks) {
            JsonObject hunk = hunkList.addObject().put("oldStart", h.oldStart()).put("newStart", h.newStart());
            JsonObject.Array lines = hunk.putArray("lines");
            for (Edit e : h.edits()) {
                JsonObject l = lines.addObject().put("op", e.op().name());
                Line line = e.op() == LineDiff.Op.ADDED ? after.get(e.newIndex()) : before.get(e.oldIndex());
                l.put("text", line.text());
                if (e.oldIndex() >= 0 && before.get(e.oldIndex()).sourceLine() >= 0) {
                    l.put("oldSourceLine", before.get(e.oldIndex()).sourceLine());
                }
                if (e.newIndex() >= 0 && after.get(e.newIndex()).sourceLine() >= 0) {
                    l.put("newSourceLine", after.get(e.newIndex()).sourceLine());
                }
            }
        }
    }
}
