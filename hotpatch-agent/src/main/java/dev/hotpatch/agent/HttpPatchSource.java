package dev.hotpatch.agent;

import dev.hotpatch.fleet.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Properties at an HTTP(S) URL, fetched with a conditional GET (If-None-Match with the last ETag,
 * If-Modified-Since with the last Last-Modified), so an unchanged config costs a 304 and no body.
 * Reads are spaced by the interval ±20 % at random, so a fleet started together does not poll together.
 * A 404 means no patch.
 */
final class HttpPatchSource implements PatchSource {
    static final double JITTER = 0.2;

    private final URI url;
    private final Duration interval;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private String etag;
    private String lastModified;
    private Optional<DesiredPatch> last = Optional.empty();

    HttpPatchSource(URI url, Duration interval) {
        this.url = url;
        this.interval = interval;
    }

    @Override
    public synchronized Optional<DesiredPatch> read() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        switch (response.statusCode()) {
            case 304 -> {
                return last;
            }
            case 404 -> {
                remember(null, null, Optional.empty());
                return last;
            }
            case 200 -> {
                remember(response.headers().firstValue("ETag").orElse(null),
                        response.headers().firstValue("Last-Modified").orElse(null),
                        PatchSources.fromProperties(response.body()));
                return last;
            }
            default -> throw new IOException("configuration " + describe() + " answered HTTP " + response.statusCode());
        }
    }

    private void remember(String etag, String lastModified, Optional<DesiredPatch> patch) {
        this.etag = etag;
        this.lastModified = lastModified;
        this.last = patch;
    }

    @Override
    public void awaitChange(Duration max) throws InterruptedException {
        Thread.sleep(Math.min(max.toMillis(), Backoff.jitter(interval, JITTER).toMillis()));
    }

    @Override
    public String describe() {
        // never log credentials written into the URL
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }
}
