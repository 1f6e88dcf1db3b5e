package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {
    @Test
    void readsTheArgumentStringAndBuildsMavenLayoutUrls() {
        AgentSettings s = AgentSettings.parse("repo=http://repo.local/releases,groupId=com.acme,artifactId=shop-hotpatch,"
                + "config=file:/etc/shop/hotpatch.properties,interval=500ms,artifact=/opt/shop.jar", new Properties());

        assertThat(s.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.artifact()).isEqualTo(Path.of("/opt/shop.jar"));
        assertThat(s.patchUrl("1.4.2-0123456789ab")).isEqualTo(URI.create(
                "http://repo.local/releases/com/acme/shop-hotpatch/1.4.2-0123456789ab/shop-hotpatch-1.4.2-0123456789ab.jar"));
    }

    @Test
    void systemPropertiesFillInAndTheArgumentWins() {
        Properties system = new Properties();
        system.setProperty("hotpatch.agent.repo", "https://repo.example/maven");
        system.setProperty("hotpatch.agent.groupId", "com.acme");
        system.setProperty("hotpatch.agent.artifactId", "from-properties");
        system.setProperty("hotpatch.agent.config", "https://config.example/shop");
        system.setProperty("hotpatch.agent.artifact", "/opt/shop.jar");

        AgentSettings s = AgentSettings.parse("artifactId=from-argument", system);

        assertThat(s.artifactId()).isEqualTo("from-argument");
        assertThat(s.repository()).isEqualTo(URI.create("https://repo.example/maven/"));
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aMissingSettingIsNamedWithBothWaysToGiveIt() {
        assertThatThrownBy(() -> AgentSettings.parse("repo=http://r,groupId=g,config=file:/c,artifact=/a.jar", new Properties()))
                .hasMessage("missing 'artifactId' (agent argument artifactId=... or system property hotpatch.agent.artifactId)");
    }

    @Test
    void findsTheJarOfJavaDashJar() {
        Properties system = new Properties();
        system.setProperty("sun.java.command", "/opt/shop.jar --server.port=8080");

        assertThat(RunningArtifact.find(system)).isEqualTo(Path.of("/opt/shop.jar"));
    }

    @Test
    void badValuesFailWithOneLineNamingTheSetting() {
        String base = "repo=http://r,groupId=g,artifactId=a,artifact=/a.jar,";
        assertThatThrownBy(() -> AgentSettings.parse(base + "config=file:/c,interval=10sec", new Properties()))
                .hasMessage("'interval=10sec' is not a duration; write e.g. 500ms, 10s or 2m");
        assertThatThrownBy(() -> AgentSettings.parse(base + "config=/etc/hotpatch.properties", new Properties()))
                .hasMessageStartingWith("'config=/etc/hotpatch.properties' must be a URL starting with one of etcd:, etcds:, file:");
        assertThatThrownBy(() -> AgentSettings.parse(base + "config=file:/c,intervall=1s", new Properties()))
                .hasMessageStartingWith("unknown agent setting 'intervall'; known: ");
        assertThatThrownBy(() -> AgentSettings.parse(base + "config=file:/c,interval=0s", new Properties()))
                .hasMessage("'interval=0s' must be more than zero");
    }

    @Test
    void aFileRepositoryAndTheStartupBoundAreAccepted() {
        AgentSettings s = AgentSettings.parse("repo=file:/srv/repo,groupId=g,artifactId=a,config=file:/c,"
                + "artifact=/a.jar,startupWait=0,log=/var/log/hotpatch.log", new Properties());

        assertThat(s.patchUrl("1.0-0123456789ab")).isEqualTo(URI.create("file:/srv/repo/g/a/1.0-0123456789ab/a-1.0-0123456789ab.jar"));
        assertThat(s.startupWait()).isZero();
        assertThat(s.logFile()).isEqualTo(Path.of("/var/log/hotpatch.log"));
        assertThat(s.host()).isNull();
        assertThat(AgentSettings.parse("repo=file:/srv/repo,groupId=g,artifactId=a,config=etcd://10.0.0.5:2379/hotpatch/shop,"
                + "artifact=/a.jar,host=web-07", new Properties()).host()).isEqualTo("web-07");
    }
}
