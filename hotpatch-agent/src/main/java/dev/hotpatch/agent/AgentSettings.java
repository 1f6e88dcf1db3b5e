package dev.hotpatch.agent;

import dev.hotpatch.format.PatchCoordinates;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's configuration, from its argument string ({@code key=value,key=value}) or from system
 * properties {@code hotpatch.agent.<key>}; the argument wins. Every value is checked when the agent
 * starts, and a bad one fails the start with one line naming the setting.
 *
 * @param repository  base URL of the Maven repository the patches are published to ({@code http(s):} or {@code file:})
 * @param groupId     the patch coordinates' groupId
 * @param artifactId  the patch coordinates' artifactId ({@code <app>-hotpatch})
 * @param config      where the wanted version and hash are read: a {@code file:}, {@code http(s):} or {@code etcd:} URL
 * @param interval    how often a {@code file:} or {@code http(s):} configuration is read again
 * @param startupWait how long the JVM's start waits for the wanted patch before the application goes on
 * @param artifact    the deployed artifact this JVM runs; patches must name its SHA-256
 * @param user        user for the repository, or null
 * @param password    password for the repository, or null
 * @param logFile     a file the agent appends its lines to, besides standard error; or null
 * @param host        the host name fleet rollouts target this JVM by, or null for the machine's ({@link HostName})
 */
record AgentSettings(URI repository, String groupId, String artifactId, URI config, Duration interval,
        Duration startupWait, Path artifact, String user, String password, Path logFile, String host) {
    static final String PREFIX = "hotpatch.agent.";
    static final Set<String> KEYS = Set.of("repo", "groupId", "artifactId", "config", "interval", "startupWait",
            "artifact", "user", "password", "log", "host");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final Set<String> CONFIG_SCHEMES = Set.of("file", "http", "https", "etcd", "etcds");

    static AgentSettings parse(String args, Properties system) {
        Map<String, String> values = new LinkedHashMap<>();
        system.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX))
                .forEach(k -> values.put(k.substring(PREFIX.length()), system.getProperty(k)));
        if (args != null && !args.isBlank()) {
            for (String pair : args.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("agent argument '" + pair + "' is not key=value");
                }
                values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown agent setting '" + key + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
        URI repo = url(values, "repo", Set.of("file", "http", "https"));
        URI config = url(values, "config", CONFIG_SCHEMES);
        return new AgentSettings(repo.toString().endsWith("/") ? repo : URI.create(repo + "/"),
                required(values, "groupId"), required(values, "artifactId"), config,
                duration(values, "interval", "10s"), duration(values, "startupWait", "5s"),
                values.containsKey("artifact") ? Path.of(values.get("artifact")) : RunningArtifact.find(system),
                values.get("user"), values.get("password"),
                values.containsKey("log") ? Path.of(values.get("log")) : null, values.get("host"));
    }

    /** The URL of the patch with this version: the Maven repository layout. */
    URI patchUrl(String version) {
        return repository.resolve(new PatchCoordinates(groupId, artifactId, version).repositoryPath());
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing '" + key + "' (agent argument " + key + "=... or system property "
                    + PREFIX + key + ")");
        }
        return value;
    }

    private static URI url(Map<String, String> values, String key, Set<String> schemes) {
        String text = required(values, key);
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme())) {
                throw new IllegalArgumentException("'" + key + "=" + text + "' must be a URL starting with one of "
                        + String.join(":, ", new java.util.TreeSet<>(schemes)) + ": (e.g. file:/etc/app/hotpatch.properties)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + key + "=" + text + "' is not a URL: " + e.getReason());
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, or a plain number of seconds. */
    static Duration duration(Map<String, String> values, String key, String otherwise) {
        String text = values.getOrDefault(key, otherwise).trim();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + key + "=" + text + "' is not a duration; write e.g. 500ms, 10s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero() && !key.equals("startupWait")) {
            throw new IllegalArgumentException("'" + key + "=" + text + "' must be more than zero");
        }
        return d;
    }

    /** The settings as a log line shows them: no password. */
    String describe() {
        return "repository " + repository + (user == null ? "" : " (as " + user + ")") + ", patches " + groupId + ":"
                + artifactId + ", configuration " + config + ", running " + artifact;
    }
}
