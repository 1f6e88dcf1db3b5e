package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.fleet.EtcdClient;
import dev.hotpatch.fleet.EtcdServer;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.HostStatus;
import dev.hotpatch.fleet.KeyValue;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.format.PatchCoordinates;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The etcd source and status publisher against a real etcd: targeting, push, outages, the status key. */
class EtcdPatchSourceTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String BASELINE = "cd".repeat(32);
    private static final String HASH_A = "aa".repeat(32);
    private static final String HASH_B = "bb".repeat(32);

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private static Rollout rollout(String id, String hash, Rollout.Target target) {
        return new Rollout(id, new PatchCoordinates("com.acme", "shop-hotpatch", "1.0-" + hash.substring(0, 12)), hash,
                BASELINE, target, Instant.now(), null);
    }

    private static DesiredPatch patch(String hash) {
        return new DesiredPatch("1.0-" + hash.substring(0, 12), hash);
    }

    private PatchSource open(EtcdServer etcd, String host) {
        return PatchSources.open(URI.create(etcd.location("/hotpatch/shop")), new HostIdentity(host, 4242,
                () -> BASELINE), Duration.ofSeconds(1), log::add);
    }

    /** Waits (at most the deadline) for the source to push a change, then reads it. */
    private static Optional<DesiredPatch> awaitPatch(PatchSource source, Optional<DesiredPatch> wanted)
            throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        Optional<DesiredPatch> now = source.read();
        while (!now.equals(wanted) && Instant.now().isBefore(end)) {
            source.awaitChange(Duration.ofSeconds(5));
            now = source.read();
        }
        return now;
    }

    @Test
    void theNewestRolloutTargetingThisHostIsPushedToIt() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir.resolve("etcd")).start();
                PatchSource web1 = open(etcd, "web-1");
                PatchSource db1 = open(etcd, "db-1")) {
            FleetLocation location = FleetLocation.parse(etcd.location("/hotpatch/shop"));
            EtcdClient client = new EtcdClient(location.endpoints());
            assertThat(web1.read()).isEmpty();

            client.put(location.rolloutKey("everyone"), rollout("everyone", HASH_A, Rollout.Target.all()).toJson());
            assertThat(awaitPatch(web1, Optional.of(patch(HASH_A)))).contains(patch(HASH_A));
            assertThat(awaitPatch(db1, Optional.of(patch(HASH_A)))).contains(patch(HASH_A));

            client.put(location.rolloutKey("canary"), rollout("canary", HASH_B,
                    Rollout.Target.hosts(List.of("web-*"))).toJson());
            assertThat(awaitPatch(web1, Optional.of(patch(HASH_B)))).contains(patch(HASH_B));
            assertThat(db1.read()).contains(patch(HASH_A));

            // another deployed build's rollout and a broken key change nothing here
            client.put(location.rolloutKey("other"), new Rollout("other", new PatchCoordinates("g", "a", "v"), HASH_A,
                    "ef".repeat(32), Rollout.Target.all(), null, null).toJson());
            client.put(location.rolloutKey("broken"), "{\"format\":1}");
            assertThat(web1.read()).contains(patch(HASH_B));

            client.delete(location.rolloutKey("canary"));
            assertThat(awaitPatch(web1, Optional.of(patch(HASH_A)))).contains(patch(HASH_A));
            client.delete(location.rolloutKey("everyone"));
            assertThat(awaitPatch(web1, Optional.empty())).isEmpty();
            assertThat(log).contains("ignoring rollout /hotpatch/shop/rollouts/broken: patch is missing (null rolls"
                    + " the targeted hosts back to the deployed build)");
        }
    }

    @Test
    void whileEtcdIsDownTheLastRolloutsStayInForce() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir.resolve("etcd")).start();
                PatchSource source = open(etcd, "web-1")) {
            FleetLocation location = FleetLocation.parse(etcd.location("/hotpatch/shop"));
            EtcdClient client = new EtcdClient(location.endpoints());
            client.put(location.rolloutKey("fix"), rollout("fix", HASH_A, Rollout.Target.all()).toJson());
            assertThat(awaitPatch(source, Optional.of(patch(HASH_A)))).contains(patch(HASH_A));

            etcd.stop();
            Instant end = Instant.now().plus(DEADLINE);
            while (log.stream().noneMatch(l -> l.contains(" lost (")) && Instant.now().isBefore(end)) {
                Thread.sleep(50);
            }
            assertThat(log).anyMatch(l -> l.startsWith("etcd " + location + " lost (")
                    && l.endsWith("keeping the current patch, reconnecting with back-off (next try in "
                            + l.replaceAll(".*next try in ([0-9]+) ms\\)$", "$1") + " ms)"));
            assertThat(source.read()).contains(patch(HASH_A));

            etcd.start();
            client.put(location.rolloutKey("fix"), rollout("fix", HASH_B, Rollout.Target.all()).toJson());
            assertThat(awaitPatch(source, Optional.of(patch(HASH_B)))).contains(patch(HASH_B));
            assertThat(log).contains("etcd " + location + " is back");
        }
    }

    @Test
    void aSourceThatNeverReachedEtcdSaysSo() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir.resolve("etcd"));
                PatchSource source = open(etcd, "web-1")) {
            assertThatThrownBy(source::read).hasMessageStartingWith("etcd " + etcd.location("/hotpatch/shop")
                    + " has not been read yet: etcd at ");
        }
    }

    @Test
    void theHostsStateIsWrittenOnALeaseAndGoesWithTheAgent() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir.resolve("etcd")).start()) {
            FleetLocation location = FleetLocation.parse(etcd.location("/hotpatch/shop"));
            EtcdClient client = new EtcdClient(location.endpoints());
            client.put(location.rolloutKey("fix"), rollout("fix", HASH_A, Rollout.Target.all()).toJson());
            String key = location.statusKey("web-1", 4242);
            PatchSource source = open(etcd, "web-1");
            try {
                assertThat(awaitPatch(source, Optional.of(patch(HASH_A)))).contains(patch(HASH_A));
                AgentState.Listener listener = (AgentState.Listener) source;
                listener.onState(new AgentState(AgentState.Phase.REFUSED, "web-1", 4242, BASELINE, patch(HASH_A), null,
                        AgentReason.WRONG_BASELINE, "it is for another build", Instant.now()));

                HostStatus status = awaitStatus(client, key, "REFUSED");
                assertThat(status.rollout()).isEqualTo("fix");
                assertThat(status.reason()).isEqualTo("WRONG_BASELINE");
                assertThat(status.wanted().hash()).isEqualTo(HASH_A);
                assertThat(client.get(key).lease()).isNotZero();
                assertThat(client.keepAlive(client.get(key).lease())).isPositive();

                listener.onState(new AgentState(AgentState.Phase.APPLIED, "web-1", 4242, BASELINE, patch(HASH_A),
                        patch(HASH_A), null, "", Instant.now()));
                assertThat(awaitStatus(client, key, "APPLIED").applied().hash()).isEqualTo(HASH_A);
            } finally {
                source.close();
            }
            assertThat(client.get(key)).as("closing the agent revokes its lease").isNull();
        }
    }

    private static HostStatus awaitStatus(EtcdClient client, String key, String phase) throws Exception {
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            KeyValue kv = client.get(key);
            if (kv != null && HostStatus.parse(key, kv.value()).phase().equals(phase)) {
                return HostStatus.parse(key, kv.value());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + phase + " status at " + key + ": " + client.get(key));
    }
}
