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
    private final PatchSource source;
    private final HostIdentity identity;
    private final java.util.List<AgentState.Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
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
        // interim wiring of the fleet seams (issue 16) until the rewritten agent takes them over
        this.identity = HostIdentity.current(System.getProperty("hotpatch.agent.host"), () -> {
            try {
                return deployed.sha256();
            } catch (IOException e) {
                return "";
            }
        });
        this.source = PatchSources.open(settings.config(), identity, settings.interval(), log::line);
        if (source instanceof AgentState.Listener listener) {
            listeners.add(listener);
        }
    }

    private void emit(AgentState.Phase phase, DesiredPatch wanted, AgentReason reason, String message) {
        AgentState state = new AgentState(phase, identity.host(), identity.pid(), identity.deployedSha256().get(),
                wanted, applied, reason, message, java.time.Instant.now());
        listeners.forEach(l -> l.onState(state));
    }

    void start() {
        patcher.install();
        status.register(log);
        emit(AgentState.Phase.IDLE, null, null, "");
        log.line("watching " + source.describe() + " every " + settings.interval().toMillis() + " ms; repository "
                + settings.repository() + ", patches " + settings.groupId() + ":" + settings.artifactId()
                + "; running " + deployed.file());
        poll();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    source.awaitChange(settings.interval());
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
        DesiredPatch wanted = null;
        try {
            Optional<DesiredPatch> desired;
            try {
                desired = source.read();
            } catch (Exception e) {
                status.failed(e.toString());
                emit(applied == null ? AgentState.Phase.IDLE : AgentState.Phase.APPLIED, applied,
                        AgentReason.CONFIG_UNREADABLE, e.getMessage());
                log.line("configuration " + source.describe() + " not read, will retry: " + e.getMessage());
                return;
            }
            wanted = desired.orElse(null);
            if (Objects.equals(desired.orElse(null), applied)) {
                return;
            }
            if (desired.isEmpty()) {
                restore();
            } else {
                emit(AgentState.Phase.WANTED, wanted, null, "");
                apply(desired.get());
            }
        } catch (Refusal e) {
            String line = "refused " + e.patch.version() + " (" + e.patch.shortHash() + "): " + e.getMessage()
                    + "; the running code is unchanged";
            status.failed(e.getMessage());
            emit(AgentState.Phase.REFUSED, e.patch, e.reason, e.getMessage());
            if (!line.equals(lastRefusal)) {
                log.line(line);
                lastRefusal = line;
            }
        } catch (Exception e) {
            status.failed(e.toString());
            emit(AgentState.Phase.WANTED, wanted, e instanceof IOException ? AgentReason.DOWNLOAD_FAILED
                    : AgentReason.INTERNAL_ERROR, e.toString());
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
            throw new Refusal(patch, AgentReason.HASH_MISMATCH, "the downloaded archive's SHA-256 is " + actual + ", not " + patch.hash());
        }
        PatchContent content;
        try {
            content = PatchContent.read(archive);
        } catch (IOException | RuntimeException e) {
            throw new Refusal(patch, AgentReason.INVALID_PATCH, "not a valid patch archive: " + e.getMessage());
        }
        if (!deployed.sha256().equals(content.baselineSha256())) {
            throw new Refusal(patch, AgentReason.WRONG_BASELINE, "it is for the build with SHA-256 " + content.baselineSha256() + ", but this JVM"
                    + " runs " + deployed.file() + " with SHA-256 " + deployed.sha256());
        }
        if ("RESTART_REQUIRED".equals(content.verdict())) {
            throw new Refusal(patch, AgentReason.RESTART_REQUIRED, "its verdict is RESTART_REQUIRED; roll it out with a restart");
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
        emit(AgentState.Phase.APPLIED, patch, null, "");
        log.line("applied " + patch.version() + "+" + patch.shortHash() + ": " + patched.size() + " patched classes, "
                + redefined + " redefined in their class loaders");
    }

    private void restore() throws Exception {
        int redefined = patcher.apply(Map.of(), originalsNotIn(Map.of()), Set.of());
        log.line("no patch wanted: " + redefined + " classes back to the deployed build's bytes");
        applied = null;
        patchedPaths = Map.of();
        status.applied(null);
        emit(AgentState.Phase.IDLE, null, null, "");
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
        private final AgentReason reason;

        Refusal(DesiredPatch patch, AgentReason reason, String message) {
            super(message);
            this.patch = patch;
            this.reason = reason;
        }
    }
}
