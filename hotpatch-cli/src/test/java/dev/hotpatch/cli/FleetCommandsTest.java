package dev.hotpatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.fleet.EtcdClient;
import dev.hotpatch.fleet.EtcdServer;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.HostStatus;
import dev.hotpatch.fleet.PatchRef;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.format.PatchCoordinates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hotpatch status and rollout against a real etcd. */
class FleetCommandsTest {
    private static final String BASELINE = "cd".repeat(32);
    private static final String HASH = "ab".repeat(32);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return FleetCommands.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void statusExitsNonZeroWhileAHostRefusesAndRolloutChecksTheRepository() throws Exception {
        try (EtcdServer etcd = new EtcdServer(dir).start()) {
            String fleet = etcd.location("/hotpatch/shop");
            FleetLocation location = FleetLocation.parse(fleet);
            EtcdClient client = new EtcdClient(location.endpoints());
            client.put(location.rolloutKey("fix"), new Rollout("fix", new PatchCoordinates("com.acme", "shop-hotpatch",
                    "1.0-ababababab"), HASH, BASELINE, Rollout.Target.all(), Instant.now(), null).toJson());

            assertThat(run("status", "--fleet", fleet)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Fleet " + fleet + " at ")
                    .contains("0 JVMs reporting, 1 rollout");

            PatchRef patch = new PatchRef("1.0-ababababab", HASH);
            client.put(location.statusKey("web-1", 7), new HostStatus("web-1", 7, BASELINE, "REFUSED", "fix", patch,
                    null, "WRONG_BASELINE", "it is for another build", Instant.now()).toJson());
            assertThat(run("status", "--fleet", fleet, "--json")).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"refused\": true");

            assertThat(run("rollout", "--fleet", fleet, "--repository", "http://127.0.0.1:1/", "--baseline",
                    "com.acme:shop:1.0", "--hash", HASH, "--percent", "10")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hotpatch: ");

            assertThat(run("rollout", "--fleet", fleet, "--delete", "--id", "fix")).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("deleted rollout fix\n");
        }
    }

    @Test
    void aBadCommandLineIsExitCodeTwo() {
        assertThat(run("status")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hotpatch: missing --fleet\nusage: hotpatch status");
        assertThat(run("rollout", "--fleet", "etcd://h:1/p", "--percent", "ten")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hotpatch: --percent needs a whole number, not ten");
        assertThat(run("status", "--fleet", "etcd://h/p")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("hotpatch: fleet location 'etcd://h/p' is not");
    }
}
