package dev.hotpatch.agent;

import java.io.IOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells which container of the deployed build a loaded class came from, by its code source: the
 * deployed jar itself is {@code ""}; Spring Boot's nested URLs
 * ({@code jar:nested:/srv/app.jar/!BOOT-INF/classes/!/}, {@code jar:file:/srv/app.jar!/BOOT-INF/lib/x.jar!/})
 * name the container inside it; a class path element outside the deployed file (an unpacked
 * {@code WEB-INF/classes/} or {@code lib/x.jar} of a distribution) is the container its path ends with.
 * A class from anywhere else belongs to no container and is never patched.
 */
final class Containers {
    private final Path deployed;
    private final Map<String, Optional<String>> byLocation = new ConcurrentHashMap<>();

    Containers(Path deployed) {
        this.deployed = real(deployed);
    }

    /**
     * @param domain     the class's protection domain, may be null
     * @param candidates the containers the patch names, for class path elements outside the deployed file
     * @return the container, or null when the class is from none of them
     */
    String of(ProtectionDomain domain, java.util.Set<String> candidates) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        return location == null ? null : of(location.toString(), candidates);
    }

    /** The container of a code source location, or null when it is none of the candidates. */
    String of(String location, java.util.Set<String> candidates) {
        String inDeployed = byLocation.computeIfAbsent(location, this::insideDeployed).orElse(null);
        if (inDeployed != null) {
            return candidates.contains(inDeployed) ? inDeployed : null;
        }
        String path = outerPath(location);
        String byName = null;
        int named = 0;
        for (String c : candidates) {
            if (c.isEmpty() || c.contains("!/")) {
                continue;
            }
            if (path.endsWith("/" + c) || path.equals(c)) {
                return c;
            }
            String file = c.substring(c.lastIndexOf('/') + 1);
            if (file.endsWith(".jar") && path.endsWith("/" + file)) {
                byName = c;
                named++;
            }
        }
        // a jar unpacked by a launcher keeps its file name, not its folder; only an unambiguous name counts
        return named == 1 ? byName : null;
    }

    /** The container inside the deployed file that the location names, or empty when it is elsewhere. */
    private Optional<String> insideDeployed(String location) {
        List<String> parts = parts(location);
        if (parts.isEmpty() || !real(Path.of(parts.get(0))).equals(deployed)) {
            return Optional.empty();
        }
        return Optional.of(String.join("!/", parts.subList(1, parts.size())));
    }

    private static String outerPath(String location) {
        List<String> parts = parts(location);
        return parts.isEmpty() ? "" : parts.get(0);
    }

    /** {@code jar:nested:/srv/app.jar/!BOOT-INF/lib/x.jar!/} → [/srv/app.jar, BOOT-INF/lib/x.jar]. */
    static List<String> parts(String location) {
        String s = location;
        if (s.startsWith("jar:")) {
            s = s.substring(4);
        }
        if (s.startsWith("nested:")) {
            s = s.substring(7);
        } else if (s.startsWith("file:")) {
            s = s.substring(5);
            while (s.startsWith("//")) {
                s = s.substring(1);
            }
        } else {
            return List.of();
        }
        s = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>();
        for (String p : s.split("!")) {
            String t = p;
            while (t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
            if (!parts.isEmpty()) {
                while (t.startsWith("/")) {
                    t = t.substring(1);
                }
            }
            if (!t.isEmpty()) {
                parts.add(t);
            }
        }
        return parts;
    }

    private static Path real(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
        } catch (IOException | RuntimeException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
