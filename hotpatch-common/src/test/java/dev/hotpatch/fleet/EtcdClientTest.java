package dev.hotpatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real etcd on loopback ports. */
class EtcdClientTest {
    private static final long DEADLINE_SECONDS = 60;

    @TempDir
    static Path dir;

    private static EtcdServer etcd;
    private static EtcdClient client;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = new EtcdServer(dir.resolve("etcd")).start();
        client = new EtcdClient(etcd.endpoints());
    }

    @AfterAll
    static void stopEtcd() throws Exception {
        etcd.close();
    }

    @Test
    void putGetRangeAndDelete() throws Exception {
        client.put("/t1/a", "één");
        client.put("/t1/b/c", "2");
        client.put("/t10", "not under /t1/");

        assertThat(client.get("/t1/a").value()).isEqualTo("één");
        assertThat(client.get("/t1/missing")).isNull();
        EtcdClient.Range range = client.rangePrefix("/t1/");
        assertThat(range.kvs()).extracting(KeyValue::key).containsExactly("/t1/a", "/t1/b/c");
        assertThat(range.revision()).isGreaterThanOrEqualTo(range.kvs().get(1).modRevision());

        assertThat(client.delete("/t1/a")).isEqualTo(1);
        assertThat(client.deletePrefix("/t1/")).isEqualTo(1);
        assertThat(client.rangePrefix("/t1/").kvs()).isEmpty();
        assertThat(client.get("/t10").value()).isEqualTo("not under /t1/");
    }

    @Test
    void aKeyOnALeaseGoesWithTheLease() throws Exception {
        long lease = client.grantLease(Duration.ofSeconds(30));
        client.put("/t2/host", "alive", lease);
        assertThat(client.get("/t2/host").lease()).isEqualTo(lease);
        assertThat(client.keepAlive(lease)).isEqualTo(30);

        client.revoke(lease);

        assertThat(client.get("/t2/host")).isNull();
        assertThat(client.keepAlive(lease)).isZero();
        client.revoke(lease); // unknown lease: not an error
        assertThatThrownBy(() -> client.put("/t2/host", "x", lease)).isInstanceOf(EtcdException.class)
                .hasMessageContaining("lease not found").extracting(e -> ((EtcdException) e).code())
                .isEqualTo(EtcdException.NOT_FOUND);
    }

    @Test
    void aWatchStreamsChangesFromARevision() throws Exception {
        long first = client.put("/t3/a", "1");
        client.put("/t3/a", "2");
        client.delete("/t3/a");
        try (EtcdClient.Watch watch = client.watch("/t3/", first)) {
            assertThat(watch.next().created()).isTrue();
            List<EtcdClient.Event> events = new java.util.ArrayList<>();
            while (events.size() < 3) {
                events.addAll(watch.next().events());
            }
            assertThat(events).extracting(e -> e.deleted() + ":" + e.kv().value())
                    .containsExactly("false:1", "false:2", "true:");
        }
    }

    @Test
    void aCompactedStartRevisionCancelsTheWatch() throws Exception {
        long first = client.put("/t4/a", "1");
        long last = client.put("/t4/a", "2");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(etcd.endpoints().get(0).resolve("/v3/kv/compaction"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"revision\":\"" + last + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding());
        try (EtcdClient.Watch watch = client.watch("/t4/", first)) {
            EtcdClient.WatchResponse response = watch.next();
            while (!response.canceled()) {
                response = watch.next();
            }
            assertThat(response.compactRevision()).isEqualTo(last);
        }
    }

    @Test
    void theNextEndpointIsTriedWhenOneIsDown() throws Exception {
        EtcdClient twoEndpoints = new EtcdClient(List.of(URI.create("http://127.0.0.1:1"), etcd.endpoints().get(0)));
        twoEndpoints.put("/t5/a", "1");
        assertThat(twoEndpoints.get("/t5/a").value()).isEqualTo("1");

        EtcdClient none = new EtcdClient(List.of(URI.create("http://127.0.0.1:1")));
        assertThatThrownBy(() -> none.get("/t5/a")).isInstanceOf(EtcdException.class)
                .hasMessageStartingWith("etcd at http://127.0.0.1:1/v3/kv/range cannot be reached: ");
    }

    /** With an etcd of its own, as it stops and restarts it. */
    @Test
    void aMirrorFollowsChangesAndComesBackAfterEtcdRestarts() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir.resolve("etcd-restarted")).start()) {
            mirrorAcrossRestart(etcd, new EtcdClient(etcd.endpoints()));
        }
    }

    private static void mirrorAcrossRestart(EtcdServer etcd, EtcdClient client) throws Exception {
        BlockingQueue<Map<String, KeyValue>> states = new LinkedBlockingQueue<>();
        BlockingQueue<IOException> problems = new LinkedBlockingQueue<>();
        client.put("/t6/a", "1");
        try (EtcdMirror mirror = new EtcdMirror(client, "/t6/", new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)),
                new EtcdMirror.Listener() {
                    @Override
                    public void onKeys(Map<String, KeyValue> keys, long revision) {
                        states.add(keys);
                    }

                    @Override
                    public void onDisconnected(IOException problem, Duration retryIn) {
                        problems.add(problem);
                    }
                }, "test-mirror").start()) {
            assertThat(next(states)).containsOnlyKeys("/t6/a");
            client.put("/t6/b", "2");
            assertThat(next(states)).containsOnlyKeys("/t6/a", "/t6/b");

            etcd.stop();
            assertThat(problems.poll(DEADLINE_SECONDS, TimeUnit.SECONDS)).isInstanceOf(EtcdException.class);
            etcd.start();
            client.delete("/t6/a");
            Map<String, KeyValue> after = next(states);
            while (after.containsKey("/t6/a")) {
                after = next(states);
            }
            assertThat(after).containsOnlyKeys("/t6/b");
        }
    }

    private static Map<String, KeyValue> next(BlockingQueue<Map<String, KeyValue>> states) throws InterruptedException {
        Map<String, KeyValue> state = states.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertThat(state).as("a new state of the mirror").isNotNull();
        return state;
    }
}
