package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpatch.fleet.EtcdServer;
import dev.hotpatch.fleet.FleetLocation;
import dev.hotpatch.fleet.FleetStore;
import dev.hotpatch.fleet.HostStatus;
import dev.hotpatch.fleet.Rollout;
import dev.hotpatch.fleet.StatusTable;
import dev.hotpatch.format.PatchCoordinates;
import dev.hotpatch.format.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of two service JVMs with the real agent jar, rolled out to through a real etcd, the way
 * {@code hotpatch rollout} and {@code hotpatch:rollout} do it ({@link FleetStore}), with the patch
 * in a real repository (nginx): a canary rollout to {@code web-*} patches web-1 and leaves db-1 alone,
 * a rollout to everyone patches db-1 too, a restarted host is patched again at start-up, deleting
 * the rollouts takes both back to the deployed build; {@code hotpatch status} shows each host as its
 * agent reports it, and a host that shuts down leaves it at once. Every answer is HTTP 200 and each
 * host keeps its PID.
 */
class FleetAgentIT {
    private static final String PREFIX = "/hotpatch/shop";

    @TempDir
    Path dir;

    private Fixtures fixtures;
    private EtcdServer etcd;
    private RunningService web;
    private RunningService db;
    private RunningService nginx;

    @BeforeEach
    void setUp() throws IOException {
        fixtures = new Fixtures(dir);
        etcd = new EtcdServer(dir.resolve("etcd"));
        web = new RunningService(Files.createDirectories(dir.resolve("web-1")));
        db = new RunningService(Files.createDirectories(dir.resolve("db-1")));
        nginx = new RunningService(Files.createDirectories(dir.resolve("repository-server")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        web.close();
        db.close();
        nginx.close();
        etcd.close();
    }

    @Test
    void aCanaryThenEveryoneThenARestartThenBackToTheDeployedBuild() throws Exception {
        etcd.start();
        Path deployed = fixtures.greeterApp("deployed.jar", "Hello");
        Path branch = fixtures.greeterApp("branch.jar", "Hello, patched");
        Path repository = Files.createDirectories(dir.resolve("repo"));
        Fixtures.Published patch = Fixtures.publish(repository, fixtures.patch(deployed, branch, "patch"), "1.0");
        String repo = nginx.nginx(repository);
        FleetStore store = new FleetStore(FleetLocation.parse(etcd.location(PREFIX)));

        Process web1 = web.start(deployed, args(repo, "web-1"));
        Process db1 = db.start(deployed, args(repo, "db-1"));
        assertThat(web.await(b -> b.startsWith("Hello pid="))).endsWith("pid=" + web1.pid());
        assertThat(db.await(b -> b.startsWith("Hello pid="))).endsWith("pid=" + db1.pid());

        Rollout canary = store.rollOut(URI.create(repo), null, PatchCoordinates.of(Fixtures.GROUP, "shop", "1.0",
                patch.hash()), patch.hash(), Rollout.Target.hosts(List.of("web-*")), "canary", "web first",
                Instant.now());
        assertThat(canary.baselineSha256()).as("the rollout names the build it patches")
                .isEqualTo(Sha256.of(deployed).hex());
        assertThat(web.await(b -> b.startsWith("Hello, patched "))).endsWith("pid=" + web1.pid());
        web.awaitLog("REDEFINE app.Greeter: redefined in 1 class loader(s)");
        StatusTable canaryStatus = awaitStatus(store, t -> state(t, "canary", "web-1", web1).equals(Optional.of(
                StatusTable.State.APPLIED)) && untargeted(t, "db-1", db1).isPresent());
        assertThat(untargeted(canaryStatus, "db-1", db1)).get().satisfies(h ->
                assertThat(h.applied()).as("db-1 runs the deployed build").isNull());
        assertThat(canaryStatus.text()).contains("canary", "hosts web-*", patch.version() + "+" + patch.shortHash());
        assertThat(db.answer()).as("no rollout targets db-1").isEqualTo("Hello pid=" + db1.pid());

        store.rollOut(URI.create(repo), null, PatchCoordinates.of(Fixtures.GROUP, "shop", "1.0", patch.hash()),
                patch.hash(), Rollout.Target.all(), "everyone", null, Instant.now());
        assertThat(db.await(b -> b.startsWith("Hello, patched "))).endsWith("pid=" + db1.pid());
        StatusTable everyone = awaitStatus(store, t -> state(t, "everyone", "db-1", db1).equals(Optional.of(
                StatusTable.State.APPLIED)));
        assertThat(state(everyone, "everyone", "web-1", web1)).as("the newest rollout for a host is its rollout")
                .contains(StatusTable.State.APPLIED);
        assertThat(everyone.hasRefusals()).isFalse();

        web.close();
        Process restarted = web.start(deployed, args(repo, "web-1"));
        assertThat(web.await(b -> b.startsWith("Hello"))).as("patched before its first answer")
                .isEqualTo("Hello, patched pid=" + restarted.pid());

        assertThat(store.delete("everyone")).isTrue();
        assertThat(store.delete("canary")).isTrue();
        assertThat(web.await(b -> b.startsWith("Hello pid="))).endsWith("pid=" + restarted.pid());
        assertThat(db.await(b -> b.startsWith("Hello pid="))).endsWith("pid=" + db1.pid());
        StatusTable back = awaitStatus(store, t -> t.rows().isEmpty()
                && untargeted(t, "web-1", restarted).filter(h -> h.applied() == null).isPresent()
                && untargeted(t, "db-1", db1).filter(h -> h.applied() == null).isPresent());
        assertThat(back.hasRefusals()).isFalse();

        db1.destroy(); // SIGTERM: a normal shutdown
        db1.waitFor();
        assertThat(untargeted(store.status(Instant.now(), Duration.ofMinutes(5)), "db-1", db1))
                .as("a JVM that shut down takes its status with it, before its lease would run out").isEmpty();
        assertThat(web.answers()).allMatch(a -> a.startsWith("200 "));
        assertThat(db.answers()).allMatch(a -> a.startsWith("200 "));
    }

    private String args(String repo, String host) {
        return Fixtures.agentArgs(repo, etcd.location(PREFIX), "host=" + host + ",interval=200ms");
    }

    /** Where this JVM stands in the rollout (a killed JVM's status stays until its lease ends: hence the PID). */
    private static Optional<StatusTable.State> state(StatusTable table, String rollout, String host, Process jvm) {
        return table.rows().stream().filter(r -> r.rollout().id().equals(rollout))
                .flatMap(r -> r.members().stream())
                .filter(m -> m.host().host().equals(host) && m.host().pid() == jvm.pid())
                .map(StatusTable.Member::state).findFirst();
    }

    private static Optional<HostStatus> untargeted(StatusTable table, String host, Process jvm) {
        return table.untargeted().stream().filter(h -> h.host().equals(host) && h.pid() == jvm.pid()).findFirst();
    }

    /** Reads the fleet's status until it shows what is wanted (at most the deadline), as an operator would. */
    private static StatusTable awaitStatus(FleetStore store, Predicate<StatusTable> wanted) throws Exception {
        Instant end = Instant.now().plus(RunningService.DEADLINE);
        StatusTable table = store.status(Instant.now(), Duration.ofMinutes(5));
        while (!wanted.test(table) && Instant.now().isBefore(end)) {
            RunningService.pause();
            table = store.status(Instant.now(), Duration.ofMinutes(5));
        }
        assertThat(wanted).as("the fleet's status never showed it; last:\n" + table.text()).accepts(table);
        return table;
    }
}
