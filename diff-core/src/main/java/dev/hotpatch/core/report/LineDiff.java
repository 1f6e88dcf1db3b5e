package dev.hotpatch.core.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The shortest edit script between two lists of lines (Myers' O((N+M)D) algorithm), grouped into
 * hunks with a few lines of context. Lines are equal when their texts are equal.
 */
public final class LineDiff {
    /** Lines of unchanged context kept around each change. */
    static final int CONTEXT = 3;
    /** Unchanged lines that are shown rather than skipped between or around hunks. */
    static final int SMALL_GAP = 2;
    /** Beyond this many differences the lists are shown as all removed, then all added. */
    static final int MAX_EDITS = 2000;

    /** What happened to one line. */
    public enum Op { SAME, REMOVED, ADDED }

    /**
     * One step of the script.
     *
     * @param oldIndex the line's index in the old list, -1 for {@link Op#ADDED}
     * @param newIndex the line's index in the new list, -1 for {@link Op#REMOVED}
     */
    public record Edit(Op op, int oldIndex, int newIndex) {
    }

    /** Consecutive edits around one or more changes, with up to {@link #CONTEXT} unchanged lines each side. */
    public record Hunk(List<Edit> edits) {
        public Hunk {
            edits = List.copyOf(edits);
        }

        /** Index of the hunk's first line in the old list (where it would be, if it removes nothing). */
        public int oldStart() {
            for (Edit e : edits) {
                if (e.oldIndex() >= 0) {
                    return e.oldIndex();
                }
            }
            return 0;
        }

        public int newStart() {
            for (Edit e : edits) {
                if (e.newIndex() >= 0) {
                    return e.newIndex();
                }
            }
            return 0;
        }
    }

    private LineDiff() {
    }

    /** The edit script turning {@code before} into {@code after}: every line of both, in order. */
    public static List<Edit> edits(List<String> before, List<String> after) {
        int prefix = 0;
        while (prefix < before.size() && prefix < after.size() && before.get(prefix).equals(after.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < before.size() - prefix && suffix < after.size() - prefix
                && before.get(before.size() - 1 - suffix).equals(after.get(after.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            edits.add(new Edit(Op.SAME, i, i));
        }
        List<String> a = before.subList(prefix, before.size() - suffix);
        List<String> b = after.subList(prefix, after.size() - suffix);
        for (Edit e : middle(a, b)) {
            edits.add(new Edit(e.op(), e.oldIndex() < 0 ? -1 : e.oldIndex() + prefix,
                    e.newIndex() < 0 ? -1 : e.newIndex() + prefix));
        }
        for (int i = suffix; i > 0; i--) {
            edits.add(new Edit(Op.SAME, before.size() - i, after.size() - i));
        }
        return List.copyOf(edits);
    }

    /** The hunks of an edit script; empty when nothing changed. */
    public static List<Hunk> hunks(List<Edit> edits) {
        List<Hunk> hunks = new ArrayList<>();
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend over changes whose context touches this hunk's
            while (true) {
                while (end < edits.size() && edits.get(end).op() != Op.SAME) {
                    end++;
                }
                int next = end;
                while (next < edits.size() && edits.get(next).op() == Op.SAME) {
                    next++;
                }
                if (next < edits.size() && next - end <= 2 * CONTEXT + SMALL_GAP) {
                    end = next;
                } else {
                    end = Math.min(edits.size(), end + CONTEXT);
                    break;
                }
            }
            // a gap of a line or two hides less than the marker saying so costs
            if (start <= SMALL_GAP) {
                start = 0;
            }
            if (edits.size() - end <= SMALL_GAP) {
                end = edits.size();
            }
            hunks.add(new Hunk(edits.subList(start, end)));
            i = end;
        }
        return List.copyOf(hunks);
    }

    /** Myers' greedy forward search, then a walk back through the kept frontiers. */
    private static List<Edit> middle(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        if (n == 0 || m == 0) {
            return replaced(n, m);
        }
        int max = Math.min(n + m, MAX_EDITS);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> frontiers = new ArrayList<>();
        for (int d = 0; d <= max; d++) {
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || k != d && v[offset + k - 1] < v[offset + k + 1]
                        ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    frontiers.add(copy(v, offset, d));
                    return backtrack(frontiers, n, m);
                }
            }
            frontiers.add(copy(v, offset, d));
        }
        return replaced(n, m);
    }

    /** The frontier of round d: x for every diagonal k in [-d, d], stored at index k + d. */
    private static int[] copy(int[] v, int offset, int d) {
        int[] f = new int[2 * d + 1];
        System.arraycopy(v, offset - d, f, 0, f.length);
        return f;
    }

    private static List<Edit> backtrack(List<int[]> frontiers, int n, int m) {
        List<Edit> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = frontiers.size() - 1; d > 0; d--) {
            int[] prev = frontiers.get(d - 1);
            int k = x - y;
            boolean down = k == -d || k != d && at(prev, d - 1, k - 1) < at(prev, d - 1, k + 1);
            int prevK = down ? k + 1 : k - 1;
            int prevX = at(prev, d - 1, prevK);
            int prevY = prevX - prevK;
            int startX = down ? prevX : prevX + 1;
            int startY = down ? prevY + 1 : prevY;
            while (x > startX && y > startY) {
                reversed.add(new Edit(Op.SAME, --x, --y));
            }
            reversed.add(down ? new Edit(Op.ADDED, -1, prevY) : new Edit(Op.REMOVED, prevX, -1));
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            reversed.add(new Edit(Op.SAME, --x, --y));
        }
        Collections.reverse(reversed);
        return reversed;
    }

    private static int at(int[] frontier, int d, int k) {
        return frontier[k + d];
    }

    private static List<Edit> replaced(int n, int m) {
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            edits.add(new Edit(Op.REMOVED, i, -1));
        }
        for (int j = 0; j < m; j++) {
            edits.add(new Edit(Op.ADDED, -1, j));
        }
        return edits;
    }
}
