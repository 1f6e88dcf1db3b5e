package dev.hotpatch.agent;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the agent learns which patch this JVM should run: a properties file, an HTTP(S) URL, or a
 * configuration store. The agent calls {@link #read()} on its own thread, then
 * {@link #awaitChange(Duration)}, in a loop.
 */
interface PatchSource extends AutoCloseable {
    /**
     * The patch wanted on this host now; empty when none is wanted (the deployed build's code).
     *
     * @throws Exception when the source cannot be read; the agent keeps running what it runs
     */
    Optional<DesiredPatch> read() throws Exception;

    /** Returns when the wanted patch may have changed, or after {@code max} at the latest. */
    default void awaitChange(Duration max) throws InterruptedException {
        Thread.sleep(max.toMillis());
    }

    /** What the source is, for log lines: its URL with any password removed. */
    String describe();

    @Override
    default void close() {
    }
}
