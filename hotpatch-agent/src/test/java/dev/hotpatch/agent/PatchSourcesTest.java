package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file and HTTP sources and the factory that chooses a source by the config's scheme. */
class PatchSourcesTest {
    private static final String HASH = "ab".repeat(32);
    private static final HostIdentity HOST = new HostIdentity("web-1", 1, () -> "");

    @TempDir
    Path dir;

    @Test
    void aFileSaysWhichPatchOrNone() throws Exception {
        Path file = dir.resolve("hotpatch.properties");
        try (PatchSource source = PatchSources.open(file.toUri(), HOST, Duration.ofMillis(10), line -> { })) {
            assertThat(source).isInstanceOf(FilePatchSource.class);
            assertThat(source.read()).isEmpty();
            Files.writeString(file, "version=1.0-abababababab\nhash=" + HASH.toUpperCase() + "\n");
            assertThat(source.read()).contains(new DesiredPatch("1.0-abababababab", HASH));
            Files.writeString(file, "version=\n");
            assertThat(source.read()).isEmpty();
            Files.writeString(file, "version=1.0\nhash=xyz\n");
            assertThatThrownBy(source::read).hasMessage("hash 'xyz' is not 64 lower-case hex digits");
        }
    }

    @Test
    void httpAsksConditionallySoAnUnchangedConfigCostsA304() throws Exception {
        List<String> conditions = new CopyOnWriteArrayList<>();
        String body = "version=1.0-abababababab\nhash=" + HASH + "\n";
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String match = exchange.getRequestHeaders().getFirst("If-None-Match");
            conditions.add(String.valueOf(match));
            if ("\"v1\"".equals(match)) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("ETag", "\"v1\"");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        try (PatchSource source = PatchSources.open(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/hotpatch.properties"), HOST, Duration.ofSeconds(1), line -> { })) {
            assertThat(source).isInstanceOf(HttpPatchSource.class);
            Optional<DesiredPatch> first = source.read();
            Optional<DesiredPatch> second = source.read();

            assertThat(first).contains(new DesiredPatch("1.0-abababababab", HASH));
            assertThat(second).isEqualTo(first);
            assertThat(conditions).containsExactly("null", "\"v1\"");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnknownSchemeOrABadStoreLocationIsOneLine() {
        assertThatThrownBy(() -> PatchSources.open(URI.create("ftp://x/y"), HOST, Duration.ofSeconds(1), l -> { }))
                .hasMessage("config ftp://x/y is not a file:, http(s):, etcd: or etcds: URL");
        assertThatThrownBy(() -> PatchSources.open(URI.create("etcd://x/p"), HOST, Duration.ofSeconds(1), l -> { }))
                .hasMessage("fleet location 'etcd://x/p' is not etcd://host:port[,host:port...]/prefix: endpoint 'x'"
                        + " is not host:port");
    }
}
