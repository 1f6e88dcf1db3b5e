package dev.hotpatch.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian package {@code chromium}) for tests: dumps a page's DOM after its
 * scripts ran, or takes a screenshot. Every run gets its own HOME and profile in a scratch
 * directory, and afterwards every process of the run is killed: the browser's descendants and the
 * crash handlers it starts in sessions of their own (found by the scratch directory in their
 * command line). Nothing outlives the call.
 */
public final class Chromium {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"),
            Path.of("/usr/bin/chromium-browser"), Path.of("/usr/lib/chromium/chromium"));
    /** A bound on one page load that only a hung browser reaches. */
    private static final long GIVE_UP_SECONDS = 180;

    private final Path executable;
    private final Path scratch;

    private Chromium(Path executable, Path scratch) {
        this.executable = executable;
        this.scratch = scratch;
    }

    /**
     * The installed Chromium. Without one the test is skipped, except on CI ({@code CI=true}),
     * where a missing browser is a broken build machine and fails the test.
     */
    public static Chromium installed(Path scratch) {
        Path found = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (found == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("Chromium is not installed (apt-get install chromium; .ci/run does it) but CI=true: "
                        + "the browser test must run on CI");
            }
            assumeTrue(false, "Chromium is not installed; the browser test is skipped outside CI");
        }
        return new Chromium(found, scratch);
    }

    /** The DOM of the page after its scripts ran, as Chromium serializes it. */
    public String dumpDom(Path page, String fragment) {
        return run(List.of("--dump-dom", url(page, fragment)));
    }

    /** A PNG of the page's first screen at this window size. */
    public Path screenshot(Path page, String fragment, int width, int height, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.deleteIfExists(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url(page, fragment)));
        if (!Files.isRegularFile(png)) {
            fail("Chromium wrote no screenshot " + png);
        }
        return png;
    }

    private static String url(Path page, String fragment) {
        return page.toAbsolutePath().toUri() + (fragment.isEmpty() ? "" : "#" + fragment);
    }

    private String run(List<String> arguments) {
        Path home;
        try {
            home = Files.createTempDirectory(scratch, "chromium-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-crash-reporter", "--disable-breakpad",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + home.resolve("profile")));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("stdout").toFile())
                .redirectError(home.resolve("stderr").toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
        Process process = null;
        try {
            process = builder.start();
            if (!process.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
                fail("Chromium did not finish within " + GIVE_UP_SECONDS + " s: " + command);
            }
            String out = Files.readString(home.resolve("stdout"), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                fail("Chromium exited with " + process.exitValue() + ": " + command + "\n"
                        + Files.readString(home.resolve("stderr"), StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            killAll(process, home);
        }
    }

    /** Kills the browser, its descendants and every process whose command line names this run's HOME. */
    private static void killAll(Process process, Path home) {
        List<ProcessHandle> victims = new ArrayList<>();
        if (process != null) {
            process.descendants().forEach(victims::add);
            victims.add(process.toHandle());
        }
        String marker = home.toString();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .forEach(victims::add);
        }
        for (ProcessHandle p : victims) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : victims) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or unkillable; nothing more a test can do
            }
        }
    }
}
