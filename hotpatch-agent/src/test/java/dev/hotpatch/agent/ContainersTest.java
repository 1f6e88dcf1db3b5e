package dev.hotpatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainersTest {
    private final Containers containers = new Containers(Path.of("/srv/app.jar"));
    private final Set<String> plan = Set.of("", "BOOT-INF/classes", "BOOT-INF/lib/x-1.0.jar", "WEB-INF/classes");

    @Test
    void springBootNestedUrlsNameTheirContainerInsideTheDeployedJar() throws Exception {
        assertThat(of("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/")).isEqualTo("BOOT-INF/classes");
        assertThat(of("jar:nested:/srv/app.jar/!BOOT-INF/lib/x-1.0.jar!/")).isEqualTo("BOOT-INF/lib/x-1.0.jar");
        assertThat(of("jar:file:/srv/app.jar!/BOOT-INF/lib/x-1.0.jar!/")).isEqualTo("BOOT-INF/lib/x-1.0.jar");
        assertThat(of("file:/srv/app.jar")).isEqualTo("");
    }

    @Test
    void anotherJarOrAnotherArtifactIsNoContainerOfThePatch() throws Exception {
        assertThat(of("jar:nested:/srv/app.jar/!BOOT-INF/lib/y-1.0.jar!/")).isNull();
        assertThat(of("jar:nested:/srv/other.jar/!BOOT-INF/classes/!/")).isNull();
        assertThat(of("file:/srv/other.jar")).isNull();
    }

    @Test
    void unpackedClassPathElementsMatchByTheirPath() throws Exception {
        assertThat(of("file:/opt/tomcat/webapps/shop/WEB-INF/classes/")).isEqualTo("WEB-INF/classes");
        assertThat(of("file:/tmp/unpacked/x-1.0.jar")).isEqualTo("BOOT-INF/lib/x-1.0.jar");
    }

    @Test
    void aClassWithoutCodeSourceIsInNoContainer() throws Exception {
        assertThat(containers.of(new ProtectionDomain(null, null), plan)).isNull();
        assertThat(containers.of(new ProtectionDomain(new CodeSource(new URL("file:/srv/app.jar"),
                (Certificate[]) null), null), plan)).isEqualTo("");
    }

    private String of(String location) {
        return containers.of(location, plan);
    }
}
