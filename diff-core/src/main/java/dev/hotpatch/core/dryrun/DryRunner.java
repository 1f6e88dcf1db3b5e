package dev.hotpatch.core.dryrun;

import dev.hotpatch.core.HotpatchException;
import dev.hotpatch.core.ReasonCode;
import dev.hotpatch.core.ScratchFiles;
import dev.hotpatch.format.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forks {@code <jdk>/bin/java -Xmx… -jar hotpatch-agent.jar DEPLOYED PATCH SCRATCH [--probe PATH]…}
 * and reads its answer. Bounded: a heap limit, a timeout after which the JVM and every process it
 * started are killed, and a scratch directory that is deleted whatever happened.
 */
public final class DryRunner {
    private static final int MAX_ANSWER_BYTES = 16 << 20;

    private final DryRunOptions options;

    public DryRunner(DryRunOptions options) {
        this.options = options;
    }

    /**
     * @param deployed the deployed build (a jar, war, ear, zip or directory)
     * @param patch    the written patch archive
     * @param probes   paths of modified classes the rules refused, to be tried alone anyway
     * @throws HotpatchException DRY_RUN_FAILED when the JVM cannot be started, fails, or takes too long
     */
    public DryRunResult run(Path deployed, Path patch, Collection<String> probes) {
        Path java = options.javaExecutable();
        if (!Files.isExecutable(java)) {
            throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, java.toString(), "The dry run's JVM " + java
                    + " does not exist or cannot be run. Point hotpatch.dryRunJdk at a JDK, or set"
                    + " -Dhotpatch.dryRun=false to skip the dry run.");
        }
        if (!Files.isRegularFile(options.agentJar())) {
            throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, options.agentJar().toString(),
                    "The hotpatch agent jar " + options.agentJar() + " that runs the dry run does not exist.");
        }
        Path scratch = null;
        Process process = null;
        try {
            scratch = ScratchFiles.createDirectory("hotpatch-dry-run");
            List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + options.maxHeap(),
                    "-Xss1m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + scratch,
                    "-jar", options.agentJar().toString(), deployed.toAbsolutePath().toString(),
                    patch.toAbsolutePath().toString(), scratch.resolve("classes").toString()));
            for (String p : probes) {
                command.add("--probe");
                command.add(p);
            }
            Path errors = scratch.resolve("stderr.txt");
            process = new ProcessBuilder(command).redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
            InputStream stdout = process.getInputStream();
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readBounded(stdout));
            if (!process.waitFor(options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, deployed.toString(), "The dry run did not"
                        + " finish within " + options.timeout().toSeconds() + " s and was stopped. Raise"
                        + " hotpatch.dryRunTimeout, or set -Dhotpatch.dryRun=false to skip it.");
            }
            byte[] out = answer.get(10, TimeUnit.SECONDS);
            return parse(new String(out, StandardCharsets.UTF_8), process.exitValue(), tail(errors), deployed);
        } catch (IOException e) {
            throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, deployed.toString(),
                    "The dry run's JVM could not be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, deployed.toString(), "Interrupted during the dry run.", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, deployed.toString(),
                    "The dry run's answer could not be read: " + e, e);
        } finally {
            if (process != null) {
                kill(process);
            }
            if (scratch != null) {
                ScratchFiles.deleteTree(scratch);
            }
        }
    }

    private static DryRunResult parse(String text, int exit, String errors, Path deployed) {
        Map<String, Object> root;
        try {
            root = object(Json.parse(text));
        } catch (RuntimeException e) {
            throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, deployed.toString(), "The dry run's JVM exited with "
                    + exit + " and gave no answer" + (errors.isEmpty() ? "." : ": " + errors));
        }
        if (root.get("error") != null || exit != 0) {
            throw new HotpatchException(ReasonCode.DRY_RUN_FAILED, deployed.toString(), "The dry run failed: "
                    + root.getOrDefault("error", "exit code " + exit) + ". Set -Dhotpatch.dryRun=false to skip it.");
        }
        Map<String, Object> jvm = object(root.get("jvm"));
        List<DryRunResult.ClassAnswer> classes = new ArrayList<>();
        if (root.get("classes") instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> c = object(item);
                classes.add(new DryRunResult.ClassAnswer((String) c.get("path"), (String) c.get("container"),
                        (String) c.get("class"), (String) c.get("step"),
                        DryRunResult.Answer.valueOf((String) c.get("answer")), (String) c.get("message")));
            }
        }
        return new DryRunResult(DryRunResult.Status.COMPLETED, new DryRunResult.Jvm((String) jvm.get("vendor"),
                (String) jvm.get("version"), (String) jvm.get("name")), classes, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static byte[] readBounded(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The last lines the JVM wrote to stderr, for a failure message. */
    private static String tail(Path errors) {
        try {
            List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Stops the JVM and anything it started; waits briefly so its files can be deleted. */
    private static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : tree) {
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // gone or going; nothing more to do
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
