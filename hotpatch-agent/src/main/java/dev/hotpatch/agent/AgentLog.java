package dev.hotpatch.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where the agent's lines go: one line per step, prefixed so they stand out in the application's
 * output, and appended with a timestamp to the agent's own log file when one is set. Never throws.
 */
final class AgentLog {
    private final PrintStream out;
    private final Path file;
    private volatile boolean fileFailed;

    AgentLog(PrintStream out, Path file) {
        this.out = out;
        this.file = file;
    }

    synchronized void line(String message) {
        try {
            out.println("[hotpatch] " + message);
        } catch (RuntimeException ignored) {
            // the application's stderr is not ours to break
        }
        if (file != null && !fileFailed) {
            try {
                Files.writeString(file, Instant.now() + " " + message + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                fileFailed = true;
                out.println("[hotpatch] cannot write the agent log " + file + " (" + e + "); logging to stderr only");
            }
        }
    }
}
