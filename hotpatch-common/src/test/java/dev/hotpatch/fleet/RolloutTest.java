package dev.hotpatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpatch.format.PatchCoordinates;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RolloutTest {
    static final String HASH = "ab".repeat(32);
    static final String BASELINE = "cd".repeat(32);
    static final String OTHER_BASELINE = "ef".repeat(32);

    static Rollout rollout(String id, Rollout.Target target) {
        return new Rollout(id, new PatchCoordinates("com.acme", "shop-hotpatch", "1.4.2-" + HASH.substring(0, 12)), HASH,
                BASELINE, target, Instant.parse("2026-01-31T12:00:00Z"), null);
    }

    @Test
    void aRolloutReadsBackAsWritten() {
        for (Rollout r : List.of(rollout("a", Rollout.Target.all()), rollout("b", Rollout.Target.percent(10)),
                rollout("c", Rollout.Target.hosts(List.of("web-0*", "db-1"))),
                new Rollout("back", null, null, BASELINE, Rollout.Target.hosts(List.of("web-01")), null, "roll back"))) {
            assertThat(Rollout.parse("k", r.id(), r.toJson())).isEqualTo(r);
        }
        assertThat(rollout("a", Rollout.Target.percent(10)).toJson()).isEqualTo("""
                {
                  "format": 1,
                  "patch": {
                    "groupId": "com.acme",
                    "artifactId": "shop-hotpatch",
                    "version": "1.4.2-abababababab",
                    "hash": "%s"
                  },
                  "baselineSha256": "%s",
                  "target": {
                    "percent": 10
                  },
                  "updated": "2026-01-31T12:00:00Z"
                }
                """.formatted(HASH, BASELINE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{|rollout /p/rollouts/r: bad JSON at offset 1: expected '\"'",
        "[]|rollout /p/rollouts/r: the document must be a JSON object",
        "{\"format\":2}|rollout /p/rollouts/r: format is 2; this version reads format 1",
        "{\"format\":1,\"baselineSha256\":\"" + "cd" + "\"}|rollout /p/rollouts/r: patch is missing (null rolls the targeted hosts back to the deployed build)",
        "{\"format\":1,\"patch\":{\"groupId\":\"g\",\"artifactId\":\"a\",\"version\":\"v\"}}|rollout /p/rollouts/r: patch.hash is missing",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"XY\"}|rollout /p/rollouts/r: baselineSha256 'XY' is not 64 lower-case hex digits",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"BASE\",\"target\":{\"percent\":150}}|rollout /p/rollouts/r: target.percent must be 0 to 100, not 150",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"BASE\",\"target\":{\"percent\":\"10\"}}|rollout /p/rollouts/r: target.percent must be a whole number, not \"10\"",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"BASE\",\"target\":{\"percent\":10,\"all\":true}}|rollout /p/rollouts/r: target must have exactly one of all, hosts, percent",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"BASE\",\"target\":{\"hosts\":[]}}|rollout /p/rollouts/r: target.hosts must be a non-empty list of strings",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"BASE\",\"target\":{\"all\":false}}|rollout /p/rollouts/r: target.all must be true (write another target to take fewer hosts)",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"BASE\",\"target\":{\"all\":true},\"precent\":5}|rollout /p/rollouts/r: precent is not a known field (known: format, patch, baselineSha256, target, updated, note)",
        "{\"format\":1,\"patch\":null,\"baselineSha256\":\"BASE\",\"target\":{\"all\":true},\"updated\":\"yesterday\"}|rollout /p/rollouts/r: updated is not an ISO-8601 instant such as 2026-01-31T12:00:00Z: yesterday",
    })
    void aMalformedRolloutFailsWithOneLineNamingTheKeyAndField(String json, String message) {
        assertThatThrownBy(() -> Rollout.parse("/p/rollouts/r", "r", json.replace("BASE", BASELINE)))
                .isInstanceOf(FleetException.class).hasMessage(message);
    }

    @Test
    void onlyHostsRunningTheBaselineAreTargeted() {
        Rollout all = rollout("a", Rollout.Target.all());
        assertThat(all.targets("web-01", BASELINE)).isTrue();
        assertThat(all.targets("web-01", OTHER_BASELINE)).isFalse();
        assertThat(all.targets("web-01", "")).isFalse();
    }

    @Test
    void hostsAreNamedOrMatchedByGlob() {
        Rollout r = rollout("a", Rollout.Target.hosts(List.of("web-0?", "DB-*.prod", "cache-1")));
        assertThat(r.selects("web-01")).isTrue();
        assertThat(r.selects("web-10")).isFalse();
        assertThat(r.selects("db-7.prod")).isTrue();
        assertThat(r.selects("db-7.prodX")).isFalse();
        assertThat(r.selects("cache-1")).isTrue();
        assertThat(r.selects("cache-12")).isFalse();
        assertThat(Rollout.globMatches("a.b", "axb")).as("a dot is a dot").isFalse();
    }

    @Test
    void raisingAPercentageOnlyAddsHosts() {
        List<String> hosts = IntStream.range(0, 1000).mapToObj(i -> "host-" + i).toList();
        List<String> ten = hosts.stream().filter(rollout("fix", Rollout.Target.percent(10))::selects).toList();
        List<String> fifty = hosts.stream().filter(rollout("fix", Rollout.Target.percent(50))::selects).toList();

        assertThat(fifty).containsAll(ten);
        assertThat(ten.size()).isBetween(60, 140);
        assertThat(fifty.size()).isBetween(420, 580);
        assertThat(hosts.stream().filter(rollout("fix", Rollout.Target.percent(0))::selects)).isEmpty();
        assertThat(hosts.stream().filter(rollout("fix", Rollout.Target.percent(100))::selects)).hasSize(1000);
        List<String> otherTen = hosts.stream().filter(rollout("other", Rollout.Target.percent(10))::selects).toList();
        assertThat(otherTen).as("another rollout starts with other hosts").isNotEqualTo(ten);
    }

    @Test
    void aHostsBucketDependsOnlyOnTheRolloutAndTheHost() {
        assertThat(Rollout.bucket("fix", "web-01")).isEqualTo(Rollout.bucket("fix", "WEB-01")).isBetween(0, 99);
        // the documented formula outside Java: printf 'fix\nweb-02' | sha256sum starts 2e9a97ffb269226b; mod 100 is 75
        assertThat(Rollout.bucket("fix", "web-01")).isZero();
        assertThat(Rollout.bucket("fix", "web-02")).isEqualTo(75);
    }
}
