package dev.hotpatch.fleet;

import dev.hotpatch.format.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small client of etcd v3's HTTP/JSON gateway ({@code /v3/kv/range}, {@code put},
 * {@code deleterange}, {@code /v3/lease/*}, {@code /v3/watch}) on the JDK's HTTP client, so that
 * the agent needs no gRPC or JSON library inside the application. Keys and values are UTF-8
 * strings here and base64 on the wire. Each call tries the endpoints in turn, starting with the
 * one that answered last, and fails with an {@link EtcdException} once none answers; callers
 * decide when to try again ({@link Backoff}). Thread-safe.
 */
public final class EtcdClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final List<URI> endpoints;
    private final HttpClient http;
    private volatile int preferred;

    public EtcdClient(List<URI> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoint");
        }
        this.endpoints = List.copyOf(endpoints);
        // HTTP/1.1: etcd serves gRPC and the gateway on one port and must not be offered h2c
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    /** The key's value, or null when there is none. */
    public KeyValue get(String key) throws IOException, InterruptedException {
        List<KeyValue> kvs = range(key, null).kvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    /** Every key starting with {@code prefix}, sorted by key, and the store revision they were read at. */
    public Range rangePrefix(String prefix) throws IOException, InterruptedException {
        return range(prefix, prefixEnd(prefix));
    }

    /** The result of a range read: the keys and the store's revision at the time of the read. */
    public record Range(long revision, List<KeyValue> kvs) {
    }

    private Range range(String key, String rangeEnd) throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("key", b64(key));
        if (rangeEnd != null) {
            request.put("range_end", rangeEnd);
        }
        Map<String, Object> response = call("/v3/kv/range", request);
        List<KeyValue> kvs = new ArrayList<>();
        if (response.get("kvs") instanceof List<?> list) {
            for (Object kv : list) {
                kvs.add(keyValue(asMap(kv)));
            }
        }
        return new Range(revision(response), List.copyOf(kvs));
    }

    /** Writes a key; returns the store revision of the write. */
    public long put(String key, String value) throws IOException, InterruptedException {
        return put(key, value, 0);
    }

    /** Writes a key attached to a lease (0: none), so that it goes when the lease expires or is revoked. */
    public long put(String key, String value, long lease) throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("key", b64(key));
        request.put("value", b64(value));
        if (lease != 0) {
            request.put("lease", Long.toString(lease));
        }
        return revision(call("/v3/kv/put", request));
    }

    /** Deletes one key; returns how many keys went (0 or 1). */
    public long delete(String key) throws IOException, InterruptedException {
        return deleted(call("/v3/kv/deleterange", Map.of("key", b64(key))));
    }

    /** Deletes every key starting with {@code prefix}; returns how many went. */
    public long deletePrefix(String prefix) throws IOException, InterruptedException {
        return deleted(call("/v3/kv/deleterange", Map.of("key", b64(prefix), "range_end", prefixEnd(prefix))));
    }

    /** A new lease of this time to live (whole seconds, at least 1); returns its id. */
    public long grantLease(Duration ttl) throws IOException, InterruptedException {
        Map<String, Object> response = call("/v3/lease/grant",
                Map.of("TTL", Long.toString(Math.max(1, ttl.toSeconds()))));
        return asLong(response.get("ID"));
    }

    /**
     * Renews a lease once; returns its time to live in seconds, 0 when etcd no longer knows it
     * (expired or revoked), in which case its keys are gone.
     */
    public long keepAlive(long lease) throws IOException, InterruptedException {
        Map<String, Object> response = call("/v3/lease/keepalive", Map.of("ID", Long.toString(lease)));
        return asLong(asMap(response.get("result")).get("TTL"));
    }

    /** Ends a lease now, deleting its keys; a lease etcd does not know is not an error. */
    public void revoke(long lease) throws IOException, InterruptedException {
        try {
            call("/v3/lease/revoke", Map.of("ID", Long.toString(lease)));
        } catch (EtcdException e) {
            if (e.code() != EtcdException.NOT_FOUND) {
                throw e;
            }
        }
    }

    /** One answer on a watch stream. {@code canceled} with a {@code compactRevision}: the start is compacted away. */
    public record WatchResponse(long revision, boolean created, boolean canceled, long compactRevision,
            List<Event> events) {
    }

    /** A change of one key; a deleted key's value is "". */
    public record Event(boolean deleted, KeyValue kv) {
    }

    /**
     * Opens a watch of every key under {@code prefix} from {@code fromRevision} (0: from now).
     * {@link Watch#next()} blocks for the next answer; the stream ends when etcd goes away.
     */
    public Watch watch(String prefix, long fromRevision) throws IOException, InterruptedException {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("key", b64(prefix));
        create.put("range_end", prefixEnd(prefix));
        if (fromRevision > 0) {
            create.put("start_revision", Long.toString(fromRevision));
        }
        String body = Json.write(Map.of("create_request", create));
        IOException last = null;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (preferred + i) % endpoints.size();
            URI uri = endpoints.get(index).resolve("/v3/watch");
            try {
                // no request timeout: the answer is a stream that lasts as long as the watch
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    String text;
                    try (InputStream in = response.body()) {
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    throw failure(uri, response.statusCode(), text);
                }
                preferred = index;
                return new Watch(uri, response.body());
            } catch (EtcdException e) {
                throw e;
            } catch (IOException e) {
                last = new EtcdException("etcd at " + uri + " cannot be reached: " + oneLine(e), -1, e);
            }
        }
        throw last;
    }

    /** An open watch stream. {@link #close()} may be called from another thread to end a blocked {@link #next()}. */
    public static final class Watch implements AutoCloseable {
        private final URI uri;
        private final InputStream body;
        private final BufferedReader lines;

        private Watch(URI uri, InputStream body) {
            this.uri = uri;
            this.body = body;
            this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** The next answer; throws when the stream ended or broke. */
        public WatchResponse next() throws IOException {
            String line;
            do {
                try {
                    line = lines.readLine();
                } catch (IOException e) {
                    throw new EtcdException("the watch stream from etcd at " + uri + " broke: " + oneLine(e), -1, e);
                }
                if (line == null) {
                    throw new EtcdException("etcd at " + uri + " ended the watch stream", -1, null);
                }
            } while (line.isBlank());
            Map<String, Object> message;
            try {
                message = asMap(Json.parse(line));
            } catch (IllegalArgumentException e) {
                throw new EtcdException("etcd at " + uri + " sent a watch answer that is not JSON: " + e.getMessage(),
                        -1, e);
            }
            if (message.containsKey("error")) {
                throw failure(uri, 200, line);
            }
            Map<String, Object> result = asMap(message.get("result"));
            List<Event> events = new ArrayList<>();
            if (result.get("events") instanceof List<?> list) {
                for (Object e : list) {
                    Map<String, Object> event = asMap(e);
                    events.add(new Event("DELETE".equals(event.get("type")), keyValue(asMap(event.get("kv")))));
                }
            }
            return new WatchResponse(revision(result), Boolean.TRUE.equals(result.get("created")),
                    Boolean.TRUE.equals(result.get("canceled")), asLong(result.get("compact_revision")),
                    List.copyOf(events));
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // the stream is being abandoned anyway
            }
        }
    }

    private Map<String, Object> call(String path, Map<String, ?> request) throws IOException, InterruptedException {
        String body = Json.write(request);
        IOException last = null;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (preferred + i) % endpoints.size();
            URI uri = endpoints.get(index).resolve(path);
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = new EtcdException("etcd at " + uri + " cannot be reached: " + oneLine(e), -1, e);
                continue;
            }
            if (response.statusCode() == 503 || response.statusCode() == 502) {
                last = failure(uri, response.statusCode(), response.body());
                continue;
            }
            if (response.statusCode() != 200) {
                throw failure(uri, response.statusCode(), response.body());
            }
            preferred = index;
            try {
                return asMap(Json.parse(response.body()));
            } catch (IllegalArgumentException e) {
                throw new EtcdException("etcd at " + uri + " answered with something that is not JSON: "
                        + e.getMessage(), -1, e);
            }
        }
        throw last;
    }

    private static EtcdException failure(URI uri, int status, String body) {
        int code = -1;
        String message = body.strip();
        try {
            Map<String, Object> error = asMap(Json.parse(body));
            if (error.get("result") instanceof Map<?, ?>) {
                error = asMap(error.get("error"));
            }
            code = (int) asLong(error.get("code"));
            if (error.get("message") instanceof String m) {
                message = m;
            }
        } catch (IllegalArgumentException notJson) {
            // keep the body as it is
        }
        return new EtcdException("etcd at " + uri + " answered HTTP " + status + ": " + oneLine(message), code, null);
    }

    private static KeyValue keyValue(Map<String, Object> kv) {
        return new KeyValue(unb64(kv.get("key")), unb64(kv.get("value")), asLong(kv.get("create_revision")),
                asLong(kv.get("mod_revision")), asLong(kv.get("lease")));
    }

    private static long revision(Map<String, Object> response) {
        return asLong(asMap(response.get("header")).get("revision"));
    }

    private static long deleted(Map<String, Object> response) {
        return asLong(response.get("deleted"));
    }

    /** The first key after every key starting with {@code prefix}, base64: etcd's range end for a prefix. */
    static String prefixEnd(String prefix) {
        byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != (byte) 0xff) {
                bytes[i]++;
                return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bytes, i + 1));
            }
        }
        return Base64.getEncoder().encodeToString(new byte[] {0});
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(Object value) {
        return value == null ? "" : new String(Base64.getDecoder().decode((String) value), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static long asLong(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s && !s.isEmpty()) {
            return Long.parseLong(s);
        }
        return 0;
    }

    private static String oneLine(Object o) {
        return String.valueOf(o).replaceAll("\\s+", " ").strip();
    }

    private static String oneLine(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + oneLine(m));
    }
}
