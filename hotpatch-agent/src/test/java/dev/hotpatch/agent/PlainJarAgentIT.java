package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a plain {@code java -jar} service with patches in a {@code file:} repository (the
 * layout {@code hotpatch:diff} publishes to): refusals of a tampered archive, a wrong hash and a
 * patch for another build; the patch after them; settings that fail the start in one line; a
 * repository that never answers, which must not hold the application's start beyond the bound.
 */
class PlainJarAgentIT {
    @TempDir
    Path dir;

    private Fixtures fixtures;
    private RunningService service;
    private Path repository;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        fixtures = new Fixtures(dir);
        service = new RunningService(dir);
        repository = Files.createDirectories(dir.resolve("repo"));
        config = dir.resolve("hotpatch.properties");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void badPatchesAreRefusedAndTheGoodOneStillApplies() throws Exception {
        Path deployed = fixtures.greeterApp("deployed.jar", "Hello");
        Path branch = fixtures.greeterApp("branch.jar", "Hello, patched");
        Path patch = fixtures.patch(deployed, branch, "patch");
        Fixtures.Published good = Fixtures.publish(repository, patch, "1.0");
        Fixtures.writeConfig(config, "");
        Process app = service.start(deployed, args("file:" + repository + "/", "interval=200ms"));
        assertThat(service.await(b -> b.startsWith("Hello "))).contains("pid=" + app.pid());

        byte[] tampered = Files.readAllBytes(patch);
        tampered[tampered.length / 2] ^= 1;
        Fixtures.publish(repository, good.version(), tampered);
        Fixtures.writeConfig(config, good.config());
        service.awaitLog("refused " + good.version() + " (" + good.shortHash() + ") [HASH_MISMATCH]");

        Fixtures.publish(repository, good.version(), Files.readAllBytes(patch));
        Fixtures.writeConfig(config, "version=" + good.version() + "\nhash=" + "0".repeat(64) + "\n");
        service.awaitLog("refused " + good.version() + " (000000000000) [HASH_MISMATCH]: the archive at");

        Path other = fixtures.greeterApp("other.jar", "Hello from another build");
        Fixtures.Published forOther = Fixtures.publish(repository, fixtures.patch(other, branch, "other-patch"), "1.0");
        Fixtures.writeConfig(config, forOther.config());
        service.awaitLog("refused " + forOther.version() + " (" + forOther.shortHash() + ") [WRONG_BASELINE]");
        assertThat(service.answer()).startsWith("Hello pid=");

        Fixtures.writeConfig(config, good.config());
        assertThat(service.await(b -> b.startsWith("Hello, patched "))).contains("pid=" + app.pid());
        service.awaitLog("REDEFINE app.Greeter: redefined in 1 class loader(s)");
        Fixtures.writeConfig(config, "");
        assertThat(service.await(b -> b.startsWith("Hello pid="))).contains("pid=" + app.pid());
    }

    @Test
    void aBadSettingIsOneLineAndTheApplicationStartsWithoutTheAgent() throws Exception {
        Path deployed = fixtures.greeterApp("deployed.jar", "Hello");
        service.start(deployed, args("file:" + repository + "/", "interval=10sec"));
        service.await(b -> b.startsWith("Hello "));
        service.awaitLog("[hotpatch] not started: 'interval=10sec' is not a duration; write e.g. 500ms, 10s or 2m");

        RunningService second = new RunningService(dir.resolve("second"));
        Files.createDirectories(dir.resolve("second"));
        try (second) {
            second.start(deployed, "repo=file:" + repository + "/,groupId=g,artifactId=a,config=/etc/hotpatch.properties");
            second.await(b -> b.startsWith("Hello "));
            second.awaitLog("[hotpatch] not started: 'config=/etc/hotpatch.properties' must be a URL starting with one of");
        }
    }

    @Test
    void aRepositoryThatNeverAnswersDoesNotHoldTheStartBeyondTheBound() throws Exception {
        Path deployed = fixtures.greeterApp("deployed.jar", "Hello");
        Fixtures.writeConfig(config, "version=1.0-000000000000\nhash=" + "0".repeat(64) + "\n");
        // a server that accepts connections and never answers: the download waits, the start must not
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            service.start(deployed, args("http://127.0.0.1:" + silent.getLocalPort() + "/", "startupWait=1s"));
            assertThat(service.await(b -> b.startsWith("Hello "))).startsWith("Hello pid=");
            service.awaitLog("the application starts without waiting longer than 1000 ms for the wanted patch");
        }
    }

    private String args(String repo, String extra) {
        return Fixtures.agentArgs(repo, config.toUri().toString(), extra);
    }
}
