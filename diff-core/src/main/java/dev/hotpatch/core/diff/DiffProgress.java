package dev.hotpatch.core.diff;

import dev.hotpatch.core.HotpatchEvent;
import dev.hotpatch.core.HotpatchListener;
import dev.hotpatch.core.archive.Archive;
import dev.hotpatch.core.archive.ArchiveEntry;
import dev.hotpatch.core.archive.EntryPath;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Tells the user how far a long diff has got: entries and bytes read of each side and the nested
 * archive being read, as one {@link HotpatchEvent.Level#PROGRESS} event at most every interval,
 * the first after one interval (so a short run prints nothing). Events come from the thread that
 * runs the diff, between entries, so they never interleave with the run's other messages.
 */
public final class DiffProgress {
    /** Two seconds: often enough to show life, rarely enough not to flood a CI log. */
    public static final long DEFAULT_INTERVAL_NANOS = 2_000_000_000L;
    public static final DiffProgress NONE = new DiffProgress(HotpatchListener.NONE, null, Long.MAX_VALUE);

    private static final int BASELINE = 0;
    private static final int TARGET = 1;

    private final HotpatchListener listener;
    private final LongSupplier clock;
    private final long interval;
    private long next;
    private final long[] entries = new long[2];
    private final long[] bytes = new long[2];
    private final long[] totals = new long[2];
    private final Deque<EntryPath> nested = new ArrayDeque<>();

    /**
     * @param clock    nanoseconds, as {@link System#nanoTime()}; tests pass their own; null for
     *                 {@code System.nanoTime()} itself (no lambda to link on every run's path)
     * @param interval nanoseconds between two events
     */
    public DiffProgress(HotpatchListener listener, LongSupplier clock, long interval) {
        this.listener = listener;
        this.clock = clock;
        this.interval = interval;
        this.next = interval == Long.MAX_VALUE ? Long.MAX_VALUE : now() + interval;
    }

    public static DiffProgress every(long intervalNanos, HotpatchListener listener) {
        return new DiffProgress(listener, null, intervalNanos);
    }

    private long now() {
        return clock == null ? System.nanoTime() : clock.getAsLong();
    }

    void start(Archive baseline, Archive target) {
        totals[BASELINE] = size(baseline);
        totals[TARGET] = size(target);
    }

    private static long size(Archive archive) {
        long total = 0;
        for (ArchiveEntry e : archive.entries()) {
            total += Math.max(e.size(), 0);
        }
        return total;
    }

    void baselineRead(Archive in, ArchiveEntry e) {
        read(BASELINE, in, e);
    }

    void targetRead(Archive in, ArchiveEntry e) {
        read(TARGET, in, e);
    }

    /** Counts an entry done; only top-level entries add bytes, so the byte count reaches the total once. */
    private void read(int side, Archive in, ArchiveEntry e) {
        entries[side]++;
        if (in.path().isRoot()) {
            bytes[side] += Math.max(e.size(), 0);
        }
        tick();
    }

    void enter(Archive archive) {
        nested.push(archive.path());
        tick();
    }

    void leave() {
        nested.pop();
    }

    private void tick() {
        if (interval == Long.MAX_VALUE) {
            return;
        }
        long now = now();
        if (now - next < 0) {
            return;
        }
        next = now + interval;
        listener.onEvent(HotpatchEvent.progress(message()));
    }

    String message() {
        String where = nested.isEmpty() ? "" : "; reading " + nested.peek();
        return "Progress: baseline " + side(BASELINE) + "; target " + side(TARGET) + where;
    }

    private String side(int side) {
        String read = String.format(Locale.ROOT, "%,d entries, %s", entries[side], megabytes(bytes[side]));
        if (totals[side] <= 0) {
            return read;
        }
        return read + String.format(Locale.ROOT, " of %s (%d%%)", megabytes(totals[side]),
                Math.min(100, bytes[side] * 100 / totals[side]));
    }

    private static String megabytes(long n) {
        return String.format(Locale.ROOT, "%.1f MB", n / 1_000_000.0);
    }
}
