package dev.hotpatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.report.LineDiff.Edit;
import dev.hotpatch.core.report.LineDiff.Op;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The line diff behind the method diffs, checked against a plain dynamic-programming LCS as the oracle. */
class LineDiffTest {

    @Test
    void aChangedLineInTheMiddleIsOneRemovalAndOneAddition() {
        List<Edit> edits = LineDiff.edits(List.of("a", "b", "c"), List.of("a", "x", "c"));

        assertThat(edits).containsExactly(new Edit(Op.SAME, 0, 0), new Edit(Op.REMOVED, 1, -1),
                new Edit(Op.ADDED, -1, 1), new Edit(Op.SAME, 2, 2));
    }

    @Test
    void hunksKeepThreeLinesOfContextAndSkipTheRestButNoGapOfOneOrTwoLines() {
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            before.add("line " + i);
        }
        List<String> after = new ArrayList<>(before);
        after.set(8, "changed 8");
        after.set(25, "changed 25");

        List<LineDiff.Hunk> hunks = LineDiff.hunks(LineDiff.edits(before, after));

        assertThat(hunks).hasSize(2);
        assertThat(hunks.get(0).oldStart()).isEqualTo(5);
        assertThat(hunks.get(0).edits()).hasSize(3 + 2 + 3);
        assertThat(hunks.get(1).oldStart()).isEqualTo(22);
        assertThat(hunks.get(1).edits()).extracting(Edit::op).containsExactly(Op.SAME, Op.SAME, Op.SAME,
                Op.REMOVED, Op.ADDED, Op.SAME, Op.SAME, Op.SAME, Op.SAME);
    }

    @Test
    void identicalListsHaveNoHunks() {
        assertThat(LineDiff.hunks(LineDiff.edits(List.of("a", "b"), List.of("a", "b")))).isEmpty();
    }

    /** Every line of both lists appears once, in order, and the unchanged lines are a longest common subsequence. */
    @Property(tries = 300)
    void theEditScriptIsCompleteAndMinimal(@ForAll @Size(max = 25) List<@StringLength(1) @CharRange(from = 'a', to = 'd') String> before,
            @ForAll @Size(max = 25) List<@StringLength(1) @CharRange(from = 'a', to = 'd') String> after) {
        List<Edit> edits = LineDiff.edits(before, after);

        List<String> old = new ArrayList<>();
        List<String> now = new ArrayList<>();
        int same = 0;
        for (Edit e : edits) {
            if (e.op() != Op.ADDED) {
                assertThat(e.oldIndex()).isEqualTo(old.size());
                old.add(before.get(e.oldIndex()));
            }
            if (e.op() != Op.REMOVED) {
                assertThat(e.newIndex()).isEqualTo(now.size());
                now.add(after.get(e.newIndex()));
            }
            if (e.op() == Op.SAME) {
                assertThat(before.get(e.oldIndex())).isEqualTo(after.get(e.newIndex()));
                same++;
            }
        }
        assertThat(old).isEqualTo(before);
        assertThat(now).isEqualTo(after);
        assertThat(same).isEqualTo(lcs(before, after));
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                t[i][j] = a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }
}
