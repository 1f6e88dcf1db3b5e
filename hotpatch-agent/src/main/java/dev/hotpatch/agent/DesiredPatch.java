package dev.hotpatch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The patch the fleet's configuration wants on this host: a version and the SHA-256 CI handed back.
 * Read from properties ({@code version=...}, {@code hash=...}) in a file or at an HTTP(S) URL; an
 * absent file, empty content or an empty version means "no patch".
 */
record DesiredPatch(String version, String hash) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    DesiredPatch {
        if (!SHA256.matcher(hash).matches()) {
            throw new IllegalArgumentException("hash '" + hash + "' is not 64 lower-case hex digits");
        }
    }

    static Optional<DesiredPatch> read(URI source, HttpClient http) throws IOException, InterruptedException {
        String text;
        if ("file".equals(source.getScheme())) {
            try {
                text = Files.readString(Path.of(source));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        } else {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new IOException("configuration " + source + " answered HTTP " + response.statusCode());
                }
                text = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        String version = p.getProperty("version", "").trim();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DesiredPatch(version, p.getProperty("hash", "").trim().toLowerCase(java.util.Locale.ROOT)));
    }

    String shortHash() {
        return hash.substring(0, 12);
    }
}
