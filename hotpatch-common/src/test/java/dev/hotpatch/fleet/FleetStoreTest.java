package dev.hotpatch.fleet;

import static dev.hotpatch.fleet.RolloutTest.BASELINE;
import static dev.hotpatch.fleet.RolloutTest.HASH;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollouts and host states through a real etcd, as the mojos and agents write and read them. */
class FleetStoreTest {
    @TempDir
    Path dir;

    @Test
    void rolloutsAndHostStatesMakeTheTable() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir).start()) {
            FleetLocation location = FleetLocation.parse(etcd.location("/hotpatch/shop"));
            FleetStore store = new FleetStore(location);
            EtcdClient client = new EtcdClient(location.endpoints());
            store.put(RolloutTest.rollout("fix", Rollout.Target.percent(100)));
            client.put(location.rolloutKey("broken"), "{\"format\":1,\"patch\":null}");
            PatchRef patch = new PatchRef("1.4.2-abababababab", HASH);
            long lease = client.grantLease(Duration.ofSeconds(30));
            client.put(location.statusKey("web-1", 7), new HostStatus("web-1", 7, BASELINE, "APPLIED", "fix", patch,
                    patch, null, "", Instant.now()).toJson(), lease);
            client.put(location.statusKey("web-2", 8), "not json");

            StatusTable table = store.status(Instant.now(), Duration.ofMinutes(2));

            assertThat(table.rows()).hasSize(1);
            assertThat(table.rows().get(0).members()).extracting(m -> m.host().host() + "=" + m.state())
                    .containsExactly("web-1=APPLIED");
            assertThat(table.problems()).containsExactly(
                    "rollout /hotpatch/shop/rollouts/broken: baselineSha256 is missing",
                    "host status /hotpatch/shop/status/web-2/8: bad JSON at offset 0: unexpected character");

            // the host's lease ends (a crashed JVM's lease runs out the same way): it leaves the table
            client.revoke(lease);
            assertThat(store.status(Instant.now(), Duration.ofMinutes(2)).rows().get(0).members()).isEmpty();

            assertThat(store.delete("fix")).isTrue();
            assertThat(store.rollouts().entries()).isEmpty();
            assertThat(store.delete("fix")).isFalse();
        }
    }

    @Test
    void writingTheSameRolloutAgainKeepsItsPlace() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir).start()) {
            FleetStore store = new FleetStore(FleetLocation.parse(etcd.location("/p")));
            store.put(RolloutTest.rollout("first", Rollout.Target.all()));
            store.put(RolloutTest.rollout("second", Rollout.Target.percent(10)));
            store.put(RolloutTest.rollout("first", Rollout.Target.hosts(List.of("x"))));

            assertThat(store.rollouts().entries()).extracting(e -> e.rollout().id()).containsExactly("second", "first");
        }
    }
}
