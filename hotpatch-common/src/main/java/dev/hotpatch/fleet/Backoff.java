package dev.hotpatch.fleet;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts against a store that is down: doubling from {@code initial} up to
 * {@code max}, each wait drawn at random from its upper half, so that a fleet of agents that lost
 * the store at the same moment does not come back at the same moment. Not thread-safe; one per loop.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long ceiling;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, not " + initial + " and " + max);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.ceiling = initialMillis;
    }

    /** The next wait: between half the current ceiling and the ceiling; the ceiling then doubles. */
    public Duration next() {
        long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        ceiling = Math.min(maxMillis, ceiling * 2);
        return Duration.ofMillis(wait);
    }

    /** After a success: the next failure waits the shortest time again. */
    public void reset() {
        ceiling = initialMillis;
    }

    /** A duration scaled by a random factor in [1 - spread, 1 + spread], for polling intervals. */
    public static Duration jitter(Duration base, double spread) {
        double factor = 1 - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * factor)));
    }
}
