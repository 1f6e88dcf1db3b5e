package dev.hotpatch.core.diff;

import static dev.hotpatch.core.testing.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.core.HotpatchEvent;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveReader;
import dev.hotpatch.core.archive.ReadLimits;
import dev.hotpatch.core.testing.TestArchives;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress of a long diff, driven by a clock the test moves (no real time passes): nothing for a
 * run shorter than the interval, at most one line per interval for a longer one.
 */
class DiffProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final List<HotpatchEvent> events = new ArrayList<>();
    private long now;
    private int clockReads;

    @Test
    void aRunShorterThanTheIntervalPrintsNothing() {
        diff(0);

        assertThat(clockReads).as("the diff reports its entries").isGreaterThan(10);
        assertThat(events).isEmpty();
    }

    @Test
    void aLongRunPrintsAtMostOneLinePerIntervalWithEntriesBytesAndTheNestedArchive() {
        diff(SECOND);

        assertThat(events).isNotEmpty().allSatisfy(e -> {
            assertThat(e.level()).isEqualTo(HotpatchEvent.Level.PROGRESS);
            assertThat(e.message()).doesNotContain("\n").doesNotContain("\r")
                    .matches("Progress: baseline [\\d,]+ entries, [\\d.]+ MB of [\\d.]+ MB \\(\\d+%\\); "
                            + "target [\\d,]+ entries, [\\d.]+ MB of [\\d.]+ MB \\(\\d+%\\)(; reading .*)?");
        });
        // the clock moves one second per reading and the interval is two
        assertThat(events.size()).isLessThanOrEqualTo(clockReads / 2);
        assertThat(events).anySatisfy(e -> assertThat(e.message()).endsWith("; reading BOOT-INF/lib/inner-1.0.jar"));
    }

    /** Diffs a fat jar holding a nested jar; every reading of the clock moves it by {@code step}. */
    private void diff(long step) {
        byte[] before = zip().add("a/A.class", "a1").add("a/B.class", "b").add("a/C.class", "c").bytes();
        byte[] after = zip().add("a/A.class", "a2").add("a/B.class", "b").add("a/C.class", "c").bytes();
        Path left = fatJar(before).write(dir.resolve("left.jar"));
        Path right = fatJar(after).add("z.txt", "new").write(dir.resolve("right.jar"));
        DiffProgress progress = new DiffProgress(events::add, () -> {
            clockReads++;
            now += step;
            return now;
        }, 2 * SECOND);
        try (ArchiveReader reader = new ArchiveReader(ReadLimits.DEFAULTS);
                ContentStore store = ContentStore.createTemporary();
                Archive a = reader.open(left);
                Archive b = reader.open(right)) {
            new Differ(reader, IgnoreRules.defaults(), store, new SameEntries(), progress).diff(a, b);
        }
    }

    private static TestArchives.ZipBuilder fatJar(byte[] inner) {
        return zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n").add("BOOT-INF/classes/x/X.class", "x")
                .stored("BOOT-INF/lib/inner-1.0.jar", inner).add("BOOT-INF/lib/notes.txt", "o");
    }
}
