package dev.hotpatch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/** Fetches a patch archive from the repository: a {@code file:} folder or an HTTP(S) server. */
final class PatchDownload {
    static final int ATTEMPTS = 3;
    /** Larger answers are not a patch; reading them would only fill the application's heap. */
    static final long MAX_BYTES = 256L << 20;

    private final AgentSettings settings;
    /** Built on the first HTTP download: its set-up costs a JVM ~0.4 s of CPU that a JVM without one need not pay. */
    private HttpClient http;

    PatchDownload(AgentSettings settings) {
        this.settings = settings;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    /** The archive's bytes; bounded retries with backoff on 5xx and connection failures, a 4xx is final. */
    byte[] fetch(URI url) throws IOException, InterruptedException {
        if ("file".equals(url.getScheme())) {
            Path file = Path.of(url);
            try {
                if (Files.size(file) > MAX_BYTES) {
                    throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
                }
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IOException(file + " does not exist (not published yet, or a wrong version in the"
                        + " configuration)");
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (settings.user() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.user() + ":" + Objects.toString(settings.password(), "")).getBytes(StandardCharsets.UTF_8)));
        }
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<InputStream> response = http().send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 200) {
                        byte[] bytes = body.readNBytes((int) MAX_BYTES + 1);
                        if (bytes.length > MAX_BYTES) {
                            throw new IOException(url + " answered more than " + MAX_BYTES + " bytes");
                        }
                        return bytes;
                    }
                    last = new IOException(url + " answered HTTP " + response.statusCode());
                    if (response.statusCode() < 500) {
                        throw last;
                    }
                }
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                last = new IOException(url + ": " + e, e);
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(500L << (attempt - 1));
            }
        }
        throw last;
    }
}
