package dev.hotpatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hotpatch.format.PatchCoordinates;
import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.format.Sha256;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The repository check before a rollout is written, against a small HTTP repository. */
class PublishedPatchTest {
    private static final String BASELINE = "cd".repeat(32);
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private HttpServer server;
    private URI repository;

    @BeforeEach
    void startRepository() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        repository = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repo");
    }

    @AfterEach
    void stopRepository() {
        server.stop(0);
    }

    /** A patch that changes nothing: enough for what the repository check reads. */
    private static byte[] patch(String verdict) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(PatchManifest.NAME));
            zip.write(new PatchManifest(BASELINE, "", "", verdict, List.of()).toJson());
        }
        return bytes.toByteArray();
    }

    @Test
    void aPublishedPatchIsCheckedAndNamesItsBaseline() throws Exception {
        byte[] archive = patch(PatchManifest.HOT_SWAPPABLE);
        String hash = Sha256.of(archive);
        PatchCoordinates c = PatchCoordinates.of("com.acme", "shop", "1.0", hash);
        files.put("/repo/" + c.repositoryPath(), archive);

        PublishedPatch published = PublishedPatch.fetch(repository, c, hash, null);
        assertThat(published.baselineSha256()).isEqualTo(BASELINE);
        assertThat(published.size()).isEqualTo(archive.length);

        String other = "0".repeat(64);
        assertThatThrownBy(() -> PublishedPatch.fetch(repository, c, other, null)).isInstanceOf(FleetException.class)
                .hasMessage("patch " + c + " at " + repository + "/" + c.repositoryPath() + " has SHA-256 " + hash
                        + ", not " + other + ": the hash does not name the published patch; use the hash hotpatch:diff"
                        + " handed back.");
        PatchCoordinates missing = PatchCoordinates.of("com.acme", "shop", "1.0", other);
        assertThatThrownBy(() -> PublishedPatch.fetch(repository, missing, other, null))
                .isInstanceOf(FleetException.class).hasMessageContaining(" answered 404. Publish it first");
    }

    @Test
    void aRolloutIsWrittenOnlyForAPublishedPatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        byte[] archive = patch(PatchManifest.HOT_SWAPPABLE);
        String hash = Sha256.of(archive);
        PatchCoordinates c = PatchCoordinates.of("com.acme", "shop", "1.0", hash);
        files.put("/repo/" + c.repositoryPath(), archive);
        try (EtcdServer etcd = new EtcdServer(dir).start()) {
            FleetStore store = new FleetStore(FleetLocation.parse(etcd.location("/hotpatch/shop")));
            java.time.Instant now = java.time.Instant.parse("2026-01-31T12:00:00Z");

            Rollout rollout = store.rollOut(repository, null, c, hash, Rollout.Target.percent(10), null, "canary", now);

            assertThat(rollout.id()).isEqualTo("shop-hotpatch-1.0-" + hash.substring(0, 12));
            assertThat(rollout.baselineSha256()).isEqualTo(BASELINE);
            assertThat(store.rollouts().byId(rollout.id())).contains(rollout);
            String other = "0".repeat(64);
            assertThatThrownBy(() -> store.rollOut(repository, null, PatchCoordinates.of("com.acme", "shop", "1.0",
                    other), other, Rollout.Target.all(), "nope", null, now)).isInstanceOf(FleetException.class);
            assertThat(store.rollouts().byId("nope")).isEmpty();
        }
    }

    @Test
    void aPatchThatNeedsARestartOrIsNoPatchIsNotRolledOut() throws Exception {
        byte[] restart = patch(PatchManifest.RESTART_REQUIRED);
        String hash = Sha256.of(restart);
        PatchCoordinates c = PatchCoordinates.of("com.acme", "shop", "1.0", hash);
        files.put("/repo/" + c.repositoryPath(), restart);
        assertThatThrownBy(() -> PublishedPatch.fetch(repository, c, hash, null)).isInstanceOf(FleetException.class)
                .hasMessageEndingWith(" needs a restart (verdict RESTART_REQUIRED); agents refuse it, so it is not"
                        + " rolled out: deploy the branch build with a restart instead.");

        byte[] notAZip = "not a patch".getBytes(StandardCharsets.UTF_8);
        String notHash = Sha256.of(notAZip);
        PatchCoordinates n = PatchCoordinates.of("com.acme", "shop", "1.0", notHash);
        files.put("/repo/" + n.repositoryPath(), notAZip);
        assertThatThrownBy(() -> PublishedPatch.fetch(repository, n, notHash, null)).isInstanceOf(FleetException.class)
                .hasMessageEndingWith(" is not a valid patch: it has no hotpatch.json");
    }
}
