package dev.hotpatch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps this JVM on the patch the configuration asks for: reads the desired version and hash,
 * downloads the patch, checks it and applies it — once before the application starts, then on
 * every poll. A patch that fails a check is refused and the running code stays as it is.
 */
final class HotpatchAgent {
    static final int DOWNLOAD_ATTEMPTS = 3;

    private final AgentSettings settings;
    private final AgentLog log;
    private final ClassPatcher patcher;
    private final DeployedArtifact deployed;
    private final AgentStatus status = new AgentStatus();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** The applied patch, null for none; its classes and their paths in the deployed artifact. */
    private DesiredPatch applied;
    private Map<String, String> patchedPaths = Map.of();
    /** The last refusal, so a bad patch is reported once, not on every poll (it is still checked again). */
    private String lastRefusal;

    HotpatchAgent(AgentSettings settings, java.lang.instrument.Instrumentation instrumentation, AgentLog log) {
        this.settings = settings;
        this.log = log;
        this.patcher = new ClassPatcher(instrumentation, log);
        this.deployed = new DeployedArtifact(settings.artifact());
    }

    void start() {
        patcher.install();
        status.register(log);
        log.line("watching " + settings.config() + " every " + settings.interval().toMillis() + " ms; repository "
                + settings.repository() + ", patches " + settings.groupId() + ":" + settings.artifactId()
                + "; running " + deployed.file());
        poll();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(settings.interval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                poll();
            }
        }, "hotpatch-agent");
        poller.setDaemon(true);
        poller.start();
    }

    /** One round: read the configuration and act on it. Never throws. */
    synchronized void poll() {
        try {
            Optional<DesiredPatch> desired = DesiredPatch.read(settings.config(), http);
            if (Objects.equals(desired.orElse(null), applied)) {
                return;
            }
            if (desired.isEmpty()) {
                restore();
            } else {
                apply(desired.get());
            }
        } catch (Refusal e) {
            String line = "refused " + e.patch.version() + " (" + e.patch.shortHash() + "): " + e.getMessage()
                    + "; the running code is unchanged";
            status.failed(e.getMessage());
            if (!line.equals(lastRefusal)) {
                log.line(line);
                lastRefusal = line;
            }
        } catch (Exception e) {
            status.failed(e.toString());
            log.line("poll failed, will retry: " + e);
        }
    }

    private void apply(DesiredPatch patch) throws Exception {
        URI url = settings.patchUrl(patch.version());
        if (lastRefusal == null) {
            log.line("applying " + patch.version() + " (" + patch.shortHash() + ") from " + url);
        }
        byte[] archive = download(url);
        String actual = PatchContent.sha256(archive);
        if (!actual.equals(patch.hash())) {
            throw new Refusal(patch, "the downloaded archive's SHA-256 is " + actual + ", not " + patch.hash());
        }
        PatchContent content;
        try {
            content = PatchContent.read(archive);
        } catch (IOException | RuntimeException e) {
            throw new Refusal(patch, "not a valid patch archive: " + e.getMessage());
        }
        if (!deployed.sha256().equals(content.baselineSha256())) {
            throw new Refusal(patch, "it is for the build with SHA-256 " + content.baselineSha256() + ", but this JVM"
                    + " runs " + deployed.file() + " with SHA-256 " + deployed.sha256());
        }
        if ("RESTART_REQUIRED".equals(content.verdict())) {
            throw new Refusal(patch, "its verdict is RESTART_REQUIRED; roll it out with a restart");
        }
        Map<String, byte[]> patched = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        Set<String> added = new HashSet<>();
        content.classes().forEach((name, change) -> {
            if (change.newBytes() != null) {
                patched.put(name, change.newBytes());
                paths.put(name, change.path());
                if (change.added()) {
                    added.add(name);
                }
            }
        });
        int redefined = patcher.apply(patched, originalsNotIn(patched), added);
        applied = patch;
        patchedPaths = Map.copyOf(paths);
        lastRefusal = null;
        status.applied(patch);
        log.line("applied " + patch.version() + "+" + patch.shortHash() + ": " + patched.size() + " patched classes, "
                + redefined + " redefined in their class loaders");
    }

    private void restore() throws Exception {
        int redefined = patcher.apply(Map.of(), originalsNotIn(Map.of()), Set.of());
        log.line("no patch wanted: " + redefined + " classes back to the deployed build's bytes");
        applied = null;
        patchedPaths = Map.of();
        status.applied(null);
    }

    /** Original bytes of the classes patched now that the next patch does not patch. */
    private Map<String, byte[]> originalsNotIn(Map<String, byte[]> next) throws IOException {
        Map<String, byte[]> originals = new HashMap<>();
        for (Map.Entry<String, String> e : patchedPaths.entrySet()) {
            if (!next.containsKey(e.getKey())) {
                byte[] original = deployed.read(e.getValue());
                if (original != null) {
                    originals.put(e.getKey(), original);
                }
            }
        }
        return originals;
    }

    /** GET with bounded retries and backoff; a 4xx answer is final. */
    private byte[] download(URI url) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (settings.user() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (settings.user() + ":" + Objects.toString(settings.password(), "")).getBytes(StandardCharsets.UTF_8)));
        }
        IOException last = null;
        for (int attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
            try {
                HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() == 200) {
                        return body.readAllBytes();
                    }
                    last = new IOException(url + " answered HTTP " + response.statusCode());
                    if (response.statusCode() < 500) {
                        throw last;
                    }
                }
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                last = e;
            }
            if (attempt < DOWNLOAD_ATTEMPTS) {
                Thread.sleep(500L << (attempt - 1));
            }
        }
        throw last;
    }

    /** A patch that failed a check. */
    private static final class Refusal extends Exception {
        private final transient DesiredPatch patch;

        Refusal(DesiredPatch patch, String message) {
            super(message);
            this.patch = patch;
        }
    }
}
