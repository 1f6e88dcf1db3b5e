package dev.hotpatch.agent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** This host's name, without asking DNS (which may hang): the kernel's, else $HOSTNAME, else "localhost". */
final class HostName {
    private HostName() {
    }

    static String get() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (Exception ignored) {
            // not Linux
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        env = System.getenv("COMPUTERNAME");
        return env != null && !env.isBlank() ? env.trim() : "localhost";
    }
}
