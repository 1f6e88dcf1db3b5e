package dev.hotpatch.fleet;

import static dev.hotpatch.fleet.RolloutTest.BASELINE;
import static dev.hotpatch.fleet.RolloutTest.HASH;
import static dev.hotpatch.fleet.RolloutTest.OTHER_BASELINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.format.Json;
import dev.hotpatch.format.PatchCoordinates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Precedence between rollouts and where each host stands: pure, no store. */
class StatusTableTest {
    private static final Instant WRITTEN = Instant.parse("2026-01-31T12:00:00Z");
    private static final String HASH2 = "12".repeat(32);
    private static final PatchRef PATCH = new PatchRef("1.4.2-abababababab", HASH);
    private static final PatchRef PATCH2 = new PatchRef("1.4.2-121212121212", HASH2);

    private static Rollout rollout(String id, PatchRef patch, String baseline, Rollout.Target target) {
        return new Rollout(id, patch == null ? null : new PatchCoordinates("com.acme", "shop-hotpatch", patch.version()),
                patch == null ? null : patch.hash(), baseline, target, WRITTEN, null);
    }

    private static HostStatus host(String name, String baseline, String phase, PatchRef wanted, PatchRef applied,
            String reason) {
        return new HostStatus(name, 100, baseline, phase, null, wanted, applied, reason,
                reason == null ? "" : "it is for another build", WRITTEN.plusSeconds(5));
    }

    @Test
    void theNewestRolloutTargetingAHostWins() {
        RolloutSet set = new RolloutSet(List.of(
                new RolloutSet.Entry(rollout("everyone", PATCH, BASELINE, Rollout.Target.all()), 10),
                new RolloutSet.Entry(rollout("canary", PATCH2, BASELINE, Rollout.Target.hosts(List.of("web-0*"))), 20),
                new RolloutSet.Entry(rollout("other-service", PATCH2, OTHER_BASELINE, Rollout.Target.all()), 30)),
                List.of());

        assertThat(set.forHost("web-01", BASELINE).orElseThrow().id()).isEqualTo("canary");
        assertThat(set.forHost("web-11", BASELINE).orElseThrow().id()).isEqualTo("everyone");
        assertThat(set.forHost("web-01", OTHER_BASELINE).orElseThrow().id()).isEqualTo("other-service");
        assertThat(set.forHost("web-01", "00".repeat(32))).isEmpty();

        // the older rollout created again (deleted, then written) is the newest now
        RolloutSet rewritten = new RolloutSet(List.of(
                new RolloutSet.Entry(rollout("everyone", PATCH, BASELINE, Rollout.Target.all()), 40),
                new RolloutSet.Entry(rollout("canary", PATCH2, BASELINE, Rollout.Target.hosts(List.of("web-0*"))), 20)),
                List.of());
        assertThat(rewritten.forHost("web-01", BASELINE).orElseThrow().id()).isEqualTo("everyone");
    }

    @Test
    void invalidRolloutsAreProblemsNotTargets() {
        FleetLocation location = FleetLocation.parse("etcd://127.0.0.1:2379/hotpatch/shop");
        RolloutSet set = RolloutSet.of(location, List.of(
                new KeyValue("/hotpatch/shop/rollouts/good", rollout("good", PATCH, BASELINE, Rollout.Target.all())
                        .toJson(), 5, 5, 0),
                new KeyValue("/hotpatch/shop/rollouts/bad", "{\"format\":1}", 6, 6, 0)));

        assertThat(set.entries()).extracting(e -> e.rollout().id()).containsExactly("good");
        assertThat(set.problems()).containsExactly("rollout /hotpatch/shop/rollouts/bad: patch is missing (null rolls"
                + " the targeted hosts back to the deployed build)");
    }

    @Test
    void eachTargetedHostIsAppliedPendingRefusedOrStale() {
        RolloutSet set = new RolloutSet(List.of(
                new RolloutSet.Entry(rollout("fix", PATCH, BASELINE, Rollout.Target.hosts(List.of("web-*"))), 10),
                new RolloutSet.Entry(rollout("back", null, BASELINE, Rollout.Target.hosts(List.of("db-1"))), 11)),
                List.of());
        List<HostStatus> hosts = List.of(
                host("web-1", BASELINE, "APPLIED", PATCH, PATCH, null),
                host("web-2", BASELINE, "DOWNLOADED", PATCH, null, null),
                host("web-3", BASELINE, "REFUSED", PATCH, null, "WRONG_BASELINE"),
                host("web-4", BASELINE, "REFUSED", PATCH2, PATCH, "HASH_MISMATCH"),
                host("db-1", BASELINE, "IDLE", null, null, null),
                host("db-2", BASELINE, "APPLIED", PATCH2, PATCH2, null),
                host("web-9", OTHER_BASELINE, "IDLE", null, null, null));

        StatusTable early = StatusTable.of("etcd://x/p", set, hosts, List.of(), WRITTEN.plusSeconds(60),
                Duration.ofMinutes(2));
        StatusTable late = StatusTable.of("etcd://x/p", set, hosts, List.of(), WRITTEN.plusSeconds(600),
                Duration.ofMinutes(2));

        StatusTable.Row fix = early.rows().stream().filter(r -> r.rollout().id().equals("fix")).findFirst().orElseThrow();
        assertThat(fix.members()).extracting(m -> m.host().host() + "=" + m.state())
                .containsExactly("web-1=APPLIED", "web-2=PENDING", "web-3=REFUSED", "web-4=PENDING");
        assertThat(late.rows().get(1).members()).extracting(m -> m.host().host() + "=" + m.state())
                .containsExactly("web-1=APPLIED", "web-2=STALE", "web-3=REFUSED", "web-4=STALE");
        assertThat(early.rows().get(0).members()).extracting(m -> m.host().host() + "=" + m.state())
                .containsExactly("db-1=APPLIED");
        assertThat(early.untargeted()).extracting(HostStatus::host).containsExactly("db-2", "web-9");
        assertThat(early.hasRefusals()).isTrue();
        assertThat(early.converged()).isFalse();

        assertThat(early.text()).isEqualTo("""
                Fleet etcd://x/p at 2026-01-31T12:01:00Z: 7 JVMs reporting, 2 rollouts
                ROLLOUT  PATCH                            TARGET       HOSTS  APPLIED  PENDING  REFUSED  STALE
                back     (none: deployed build)           hosts db-1       1        1        0        0      0
                fix      1.4.2-abababababab+abababababab  hosts web-*      4        1        2        1      0
                  refused fix: web-3 pid 100, REFUSED, runs no patch, WRONG_BASELINE: it is for another build (since 2026-01-31T12:00:05Z)
                  pending fix: web-2 pid 100, DOWNLOADED, runs no patch (since 2026-01-31T12:00:05Z)
                  pending fix: web-4 pid 100, REFUSED, runs 1.4.2-abababababab+abababababab, HASH_MISMATCH: it is for another build (since 2026-01-31T12:00:05Z)
                Not targeted by any rollout: 2 (1 running 1.4.2-121212121212+121212121212, 1 running no patch)
                """);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(early.json());
        assertThat(json).containsEntry("refused", true).containsEntry("converged", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((List<Object>) json.get("rollouts")).get(1);
        assertThat(row).containsEntry("id", "fix").containsEntry("applied", 1L).containsEntry("pending", 2L)
                .containsEntry("refused", 1L).containsEntry("stale", 0L);
    }

    @Test
    void aHostStatusReadsBackAsWritten() {
        HostStatus status = new HostStatus("web-1", 42, BASELINE, "REFUSED", "fix", PATCH, null, "WRONG_BASELINE",
                "it is for the build \"x\"", WRITTEN);
        assertThat(HostStatus.parse("k", status.toJson())).isEqualTo(status);
        assertThat(HostStatus.keySegment("web 1/ä")).isEqualTo("web_1__");
    }
}
