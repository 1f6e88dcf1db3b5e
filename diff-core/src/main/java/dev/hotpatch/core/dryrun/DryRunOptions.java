package dev.hotpatch.core.dryrun;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how the patch is tried in a throwaway JVM before it is published.
 *
 * @param enabled  whether to run it at all
 * @param agentJar the hotpatch agent jar, whose {@code java -jar} entry point is the dry run
 * @param javaHome the JDK (or JRE) whose JVM answers; the running one when null
 * @param timeout  how long the forked JVM may take before it is killed
 * @param maxHeap  the forked JVM's {@code -Xmx} value, e.g. {@code 512m}
 */
public record DryRunOptions(boolean enabled, Path agentJar, Path javaHome, Duration timeout, String maxHeap) {
    public static final DryRunOptions OFF = new DryRunOptions(false, null, null, Duration.ofSeconds(60), "512m");

    public DryRunOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (enabled && agentJar == null) {
            throw new IllegalArgumentException("a dry run needs the hotpatch agent jar");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the dry run's timeout must be positive, not " + timeout);
        }
        if (!heapSize(maxHeap)) {
            throw new IllegalArgumentException("the dry run's heap must look like 512m, not '" + maxHeap + "'");
        }
    }

    /** Digits and an optional unit, as -Xmx takes them ([0-9]+[kKmMgG]?; no regex on a CLI's start-up path). */
    private static boolean heapSize(String text) {
        int digits = text.length() - (text.isEmpty() || "kKmMgG".indexOf(text.charAt(text.length() - 1)) < 0 ? 0 : 1);
        if (digits == 0) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A dry run with the agent jar, on the running JDK, with the default bounds. */
    public static DryRunOptions with(Path agentJar) {
        return new DryRunOptions(true, agentJar, null, OFF.timeout, OFF.maxHeap);
    }

    public DryRunOptions javaHome(Path value) {
        return new DryRunOptions(enabled, agentJar, value, timeout, maxHeap);
    }

    public DryRunOptions timeout(Duration value) {
        return new DryRunOptions(enabled, agentJar, javaHome, value, maxHeap);
    }

    public DryRunOptions maxHeap(String value) {
        return new DryRunOptions(enabled, agentJar, javaHome, timeout, value);
    }

    /** {@code <javaHome>/bin/java}, the running JVM's when no home is given. */
    public Path javaExecutable() {
        Path home = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        return home.resolve("bin").resolve(windows ? "java.exe" : "java");
    }
}
