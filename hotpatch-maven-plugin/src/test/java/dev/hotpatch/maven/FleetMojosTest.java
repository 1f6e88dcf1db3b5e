package dev.hotpatch.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hotpatch.fleet.EtcdClient;
import dev.hotpatch.fleet.EtcdServer;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.FleetStore;
import dev.hotpatch.fleet.HostStatus;
import dev.hotpatch.fleet.PatchRef;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.format.PatchCoordinates;
import dev.hotpatch.format.PatchManifest;
import dev.hotpatch.format.Sha256;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hotpatch:rollout and hotpatch:status against a real etcd and a small HTTP repository. */
class FleetMojosTest {
    private static final String BASELINE = "cd".repeat(32);

    @TempDir
    Path dir;

    private final List<String> info = new ArrayList<>();

    @Test
    void rollOutWatchAndRollBack() throws Exception {
        Map<String, byte[]> files = new ConcurrentHashMap<>();
        HttpServer repository = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        repository.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        repository.start();
        try (EtcdServer etcd = new EtcdServer(dir.resolve("etcd")).start()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(PatchManifest.NAME));
                zip.write(new PatchManifest(BASELINE, "", "", PatchManifest.HOT_SWAPPABLE, List.of()).toJson());
            }
            String hash = Sha256.of(bytes.toByteArray());
            PatchCoordinates coordinates = PatchCoordinates.of("com.acme", "shop", "1.4.2", hash);
            files.put("/" + coordinates.repositoryPath(), bytes.toByteArray());
            String fleet = etcd.location("/hotpatch/shop");
            String url = "http://127.0.0.1:" + repository.getAddress().getPort() + "/";

            rollout(fleet, url, "0".repeat(64), 10);
            assertThatThrownBy(this::lastMojo).isInstanceOf(MojoFailureException.class)
                    .hasMessageContaining(" answered 404. Publish it first");

            rollout(fleet, url, hash, 10);
            lastMojo();
            String id = "shop-hotpatch-1.4.2-" + hash.substring(0, 12);
            assertThat(info).contains("Rolled out 1.4.2-" + hash.substring(0, 12) + "+" + hash.substring(0, 12)
                    + " to 10% of the hosts running " + BASELINE + ": /hotpatch/shop/rollouts/" + id);
            FleetStore store = new FleetStore(FleetLocation.parse(fleet));
            assertThat(store.rollouts().byId(id).orElseThrow().target()).isEqualTo(Rollout.Target.percent(10));

            rollout(fleet, url, hash, 100);
            lastMojo();
            FleetLocation location = store.location();
            PatchRef patch = new PatchRef(coordinates.version(), hash);
            new EtcdClient(location.endpoints()).put(location.statusKey("web-1", 7), new HostStatus("web-1", 7,
                    BASELINE, "REFUSED", id, patch, null, "WRONG_BASELINE", "it is for another build",
                    Instant.now()).toJson());

            StatusMojo status = new StatusMojo();
            setVariableValueToObject(status, "fleet", fleet);
            setVariableValueToObject(status, "staleAfterSeconds", 120L);
            setVariableValueToObject(status, "failOnRefused", true);
            setVariableValueToObject(status, "statusJson", dir.resolve("status.json").toFile());
            status.setLog(log());
            assertThatThrownBy(status::execute).isInstanceOf(MojoFailureException.class)
                    .hasMessage("1 host refused its rollout (reasons above); fix the patch or the targeting, or pass"
                            + " -Dhotpatch.failOnRefused=false");
            assertThat(info).anyMatch(l -> l.startsWith("  refused " + id + ": web-1 pid 7, REFUSED, runs no patch,"
                    + " WRONG_BASELINE: it is for another build"));
            assertThat(dir.resolve("status.json")).content().contains("\"refused\": true");
            setVariableValueToObject(status, "failOnRefused", false);
            status.execute();

            RolloutMojo delete = new RolloutMojo();
            setVariableValueToObject(delete, "fleet", fleet);
            setVariableValueToObject(delete, "delete", true);
            setVariableValueToObject(delete, "rolloutId", id);
            delete.setLog(log());
            delete.execute();
            assertThat(store.rollouts().entries()).isEmpty();
            assertThat(info).contains("Deleted rollout " + id + " from " + fleet);
        } finally {
            repository.stop(0);
        }
    }

    private RolloutMojo last;

    private void rollout(String fleet, String url, String hash, int percent) throws Exception {
        last = new RolloutMojo();
        setVariableValueToObject(last, "fleet", fleet);
        setVariableValueToObject(last, "repositoryUrl", url);
        setVariableValueToObject(last, "repositoryId", "hotpatch");
        setVariableValueToObject(last, "baseline", "com.acme:shop:1.4.2");
        setVariableValueToObject(last, "hash", hash);
        setVariableValueToObject(last, "percent", percent);
        last.setLog(log());
    }

    private void lastMojo() throws Exception {
        last.execute();
    }

    private SystemStreamLog log() {
        return new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                info.add(content.toString());
            }
        };
    }
}
