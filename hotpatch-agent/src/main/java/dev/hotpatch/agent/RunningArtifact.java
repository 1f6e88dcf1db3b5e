package dev.hotpatch.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Finds the artifact this JVM runs: the jar of {@code java -jar}, else a single jar on the class path. */
final class RunningArtifact {
    private RunningArtifact() {
    }

    static Path find(Properties system) {
        String command = system.getProperty("sun.java.command", "");
        String first = command.split(" ", 2)[0];
        if (first.endsWith(".jar") || first.endsWith(".war")) {
            return Path.of(first).toAbsolutePath();
        }
        String classPath = system.getProperty("java.class.path", "");
        String[] entries = classPath.split(java.io.File.pathSeparator);
        if (entries.length == 1 && Files.isRegularFile(Path.of(entries[0]))) {
            return Path.of(entries[0]).toAbsolutePath();
        }
        throw new IllegalArgumentException("cannot tell which artifact this JVM runs (not started with -jar);"
                + " give it as agent argument artifact=<path>");
    }
}
