package dev.hotpatch.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's configuration, from its argument string ({@code key=value,key=value}) or from
 * system properties {@code hotpatch.agent.<key>}; the argument wins.
 *
 * @param repository  base URL of the Maven repository the patches are published to
 * @param groupId     the patch coordinates' groupId
 * @param artifactId  the patch coordinates' artifactId ({@code <app>-hotpatch})
 * @param config      where the desired version and hash are read: a {@code file:} or {@code http(s):} URL
 * @param interval    how often the configuration is read again
 * @param artifact    the deployed artifact this JVM runs; patches must name its SHA-256
 * @param user        user for the repository, or null
 * @param password    password for the repository, or null
 */
record AgentSettings(URI repository, String groupId, String artifactId, URI config, Duration interval, Path artifact,
        String user, String password) {

    static AgentSettings parse(String args, Properties system) {
        Map<String, String> values = new HashMap<>();
        system.stringPropertyNames().stream().filter(k -> k.startsWith("hotpatch.agent."))
                .forEach(k -> values.put(k.substring("hotpatch.agent.".length()), system.getProperty(k)));
        if (args != null && !args.isBlank()) {
            for (String pair : args.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("agent argument '" + pair + "' is not key=value");
                }
                values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        String repo = required(values, "repo");
        return new AgentSettings(URI.create(repo.endsWith("/") ? repo : repo + "/"), required(values, "groupId"),
                required(values, "artifactId"), URI.create(required(values, "config")),
                duration(values.getOrDefault("interval", "10s")),
                values.containsKey("artifact") ? Path.of(values.get("artifact")) : RunningArtifact.find(system),
                values.get("user"), values.get("password"));
    }

    /** The URL of the patch with this version: the Maven repository layout. */
    URI patchUrl(String version) {
        return repository.resolve(groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId
                + "-" + version + ".jar");
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "' (agent argument " + key + "=... or system property"
                    + " hotpatch.agent." + key + ")");
        }
        return value;
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}. */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t));
    }
}
